// Every row of a batch is checked before anything is issued: the input schema (all errors), the achievement,
// and a dry build with the OB 3.0 builder (result descriptions, validity period, identities).
import { Ajv2019 } from 'ajv/dist/2019.js'
import addFormatsModule from 'ajv-formats'
import { issueRequest, type IssueRequest } from '@obp/ob3'
import { codeOf, ValidationFailed } from '@obp/service-kit'
import type { IssuerContext } from '../context.js'
import { buildAward, loadAwardBasis, type AwardBasis } from '../awards/issue-award.js'
import { rowMessages } from './row-messages.js'

const VALIDATION = codeOf(ValidationFailed)

export interface RowProblem { row: number; code: string; error: string }

const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => Ajv2019
const ajv = addFormats(new Ajv2019({ allErrors: true, strict: false }))
const validateAward = ajv.compile<IssueRequest>(issueRequest)


export async function validateRows (ctx: IssuerContext, issuerId: string, awards: unknown[]): Promise<{ valid: Map<number, IssueRequest>; problems: RowProblem[] }> {
  const valid = new Map<number, IssueRequest>()
  const problems: RowProblem[] = []
  const bases = new Map<string, Promise<AwardBasis>>()
  for (let row = 0; row < awards.length; row++) {
    const award = awards[row]
    if (!validateAward(award)) {
      // one problem per error a registrar can fix (row-messages.ts)
      for (const error of rowMessages(validateAward.errors, award)) problems.push({ row, code: VALIDATION, error })
      continue
    }
    try {
      let basis = bases.get(award.achievementId)
      if (!basis) {
        basis = loadAwardBasis(ctx, issuerId, award.achievementId)
        basis.catch(() => {})
        bases.set(award.achievementId, basis)
      }
      buildAward(await basis, award, 'urn:uuid:00000000-0000-4000-8000-000000000000')
      valid.set(row, award)
    } catch (err) {
      const e = err as { code?: string; statusCode?: number; message?: string }
      if (!(typeof e.statusCode === 'number' && e.statusCode < 500)) throw err
      problems.push({ row, code: e.code ?? VALIDATION, error: e.message ?? String(err) })
    }
  }
  return { valid, problems }
}
