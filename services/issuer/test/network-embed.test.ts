import t from 'tap'
import { createDocumentLoader } from '@obp/documents'
import { verifyCredential } from '@obp/signing'
import { endorse, join, lastSegment, makeAchievement, makeIssuer, officialSchema, revoke, setup } from './network-fixtures.js'

const documentLoader = createDocumentLoader()

t.test('badges issued through the award route carry the accepted endorsements, as signed', async t => {
  // awards reuse what they read for ENDORSEMENT_CACHE_MS: a change made elsewhere (here, straight in the status store,
  // as the revocation service does) reaches new badges after that time
  const CACHE_MS = 300
  const net = await setup(t, { ENDORSEMENT_CACHE_MS: String(CACHE_MS) })
  const museum = await makeIssuer(net, 'City Museum')
  const uni = await makeIssuer(net, 'State University')
  const guild = await makeIssuer(net, 'Guild')
  await join(net, museum, uni, guild)
  const achievementId = await makeAchievement(net, uni, { name: 'Curatorial Practice' })
  const accepted = (await endorse(net, museum, achievementId)).json()
  const ofProfile = (await endorse(net, guild, uni.did)).json()
  const notAccepted = (await endorse(net, guild, achievementId)).json()
  for (const e of [accepted, ofProfile]) {
    await net.app.inject({ method: 'POST', url: `/issuers/${uni.issuerId}/endorsements/${lastSegment(e.id)}/accept`, headers: uni.auth })
  }
  const award = () => net.app.inject({ method: 'POST', url: `/issuers/${uni.issuerId}/credentials`, headers: uni.auth, payload: { achievementId, recipient: { email: 'ada@example.org' }, allowDuplicate: true } })
  const badge = (await award()).json()
  const embedded = [badge.endorsement, badge.credentialSubject.achievement.endorsement, badge.issuer.endorsement].flat().filter(Boolean)
  t.same(new Set(embedded.map((e: { id: string }) => e.id)), new Set([accepted.id, ofProfile.id]), 'accepted ones only')
  t.notOk(embedded.some((e: { id: string }) => e.id === notAccepted.id))
  const validate = officialSchema('endorsementcredential')
  for (const e of embedded) {
    t.ok(validate(e), `embedded ${e.id} validates: ${JSON.stringify(validate.errors)}`)
    t.ok((await verifyCredential({ credential: e, documentLoader })).verified, 'and verifies: signed by its endorser')
  }
  t.ok(officialSchema('achievementcredential')(badge), 'the badge validates with its endorsements')

  t.ok(await revoke(net, accepted.id))
  await new Promise(resolve => setTimeout(resolve, CACHE_MS + 100))
  const after = (await award()).json()
  const still = [after.endorsement, after.credentialSubject.achievement.endorsement, after.issuer.endorsement].flat().filter(Boolean)
  t.notOk(still.some((e: { id: string }) => e.id === accepted.id), 'a revoked endorsement is not embedded any more')
})
