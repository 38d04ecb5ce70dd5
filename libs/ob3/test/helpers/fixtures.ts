// Test helpers: the shared fixtures, the official schemas straight from the copy in test/spec-material (so the bundled copies
// are checked too), and a sample issuer/achievement/credential.
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import ajv2019 from 'ajv/dist/2019.js'
import ajvFormats from 'ajv-formats'
import {
  buildAchievement, buildOpenBadgeCredential, buildProfile,
  type Achievement, type OpenBadgeCredential, type Profile, type Recipient
} from '../../src/index.js'

export const SHARED = fileURLToPath(new URL('../../../../test/spec-material', import.meta.url)) // a copy of the shared spec material (test/spec-material/README.md)
export const FIXTURES = `${SHARED}/fixtures/1edtech-validator`

export function fixture (name: string): Buffer {
  return readFileSync(`${FIXTURES}/${name}`)
}

export function fixtureJson (name: string): Record<string, unknown> {
  return JSON.parse(fixture(name).toString('utf8')) as Record<string, unknown>
}

const ajv = ajvFormats.default(new ajv2019.default({ allErrors: true, strict: false }))

/** A validator compiled from the official schema file in test/spec-material/ob3/schema. */
export function officialSchema (name: 'achievementcredential' | 'endorsementcredential' | 'profile') {
  const schema = JSON.parse(readFileSync(`${SHARED}/ob3/schema/${name}.json`, 'utf8')) as { $id: string }
  return ajv.getSchema(schema.$id) ?? ajv.compile(schema)
}

export const ISSUER_ID = 'https://issuer.example/issuers/5b1f'

export function sampleIssuer (): Profile {
  return buildProfile({ id: ISSUER_ID, name: 'Example University', url: 'https://example.edu', image: 'https://issuer.example/logo.png' })
}

export function sampleAchievement (issuer = sampleIssuer()): Achievement {
  return buildAchievement({
    id: 'https://issuer.example/achievements/teamwork',
    creator: issuer,
    name: 'Teamwork',
    description: 'Collaborates within a group.',
    criteria: { narrative: 'Nominated by peers.' },
    image: { id: 'https://issuer.example/achievements/teamwork.png', caption: 'Teamwork badge' },
    achievementType: 'Badge',
    alignment: [{ targetName: 'Collaboration', targetUrl: 'https://framework.example/c/1', targetType: 'CFItem' }],
    resultDescription: [
      { name: 'Grade', resultType: 'LetterGrade', allowedValue: ['A', 'B', 'C'] },
      { name: 'Status', resultType: 'Status' },
      { name: 'Rubric', resultType: 'RubricCriterionLevel', rubricCriterionLevel: [{ name: 'Exemplary', points: '4' }] }
    ],
    tag: ['collaboration', 'soft-skills']
  })
}

export function sampleCredential (recipient: Recipient = { email: 'jane@example.com', name: 'Jane Doe' }): OpenBadgeCredential {
  const issuer = sampleIssuer()
  const achievement = sampleAchievement(issuer)
  return buildOpenBadgeCredential({
    id: 'urn:uuid:2f2e3f5a-9a3b-4c1d-8e4f-1a2b3c4d5e6f',
    issuer,
    achievement,
    recipient,
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    evidence: [{ id: 'https://evidence.example/1', name: 'Project report', narrative: 'Led the project.' }],
    result: [
      { resultDescription: achievement.resultDescription?.[0].id, value: 'A' },
      { resultDescription: achievement.resultDescription?.[1].id, status: 'Completed' }
    ],
    credentialStatus: {
      id: 'https://revocation.example/status-lists/1#42',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: 'https://revocation.example/status-lists/1'
    }
  })
}
