import t from 'tap'
import { endorse, join, lastSegment, makeAchievement, makeIssuer, revoke, setup } from './network-fixtures.js'

t.test('graph: issuers and endorsed achievements, live endorsements as edges; the page draws it', async t => {
  const net = await setup(t)
  const museum = await makeIssuer(net, 'City Museum')
  const uni = await makeIssuer(net, 'State <University>')
  const guild = await makeIssuer(net, 'Guild')
  await join(net, museum, uni, guild)
  const curation = await makeAchievement(net, uni, { name: 'Curation & Care' })
  await makeAchievement(net, uni, { name: 'Not endorsed' })

  const e1 = (await endorse(net, museum, curation)).json()
  const e2 = (await endorse(net, guild, uni.did)).json()
  const e3 = (await endorse(net, museum, guild.did)).json()
  await net.app.inject({ method: 'POST', url: `/issuers/${uni.issuerId}/endorsements/${lastSegment(e1.id)}/accept`, headers: uni.auth })
  t.ok(await revoke(net, e3.id), 'revoked')

  const res = await net.app.inject('/network/graph')
  t.equal(res.statusCode, 200)
  const graph = res.json()
  t.same(new Set(graph.nodes.map((n: { id: string }) => n.id)), new Set([museum.did, uni.did, guild.did, curation]), 'members and endorsed achievements')
  t.match(graph.nodes.find((n: { id: string }) => n.id === curation), { kind: 'achievement', name: 'Curation & Care', issuer: uni.did })
  t.match(graph.nodes.find((n: { id: string }) => n.id === uni.did), { kind: 'issuer', name: 'State <University>', issuerId: uni.issuerId })
  const edges = graph.edges.map((e: { from: string; to: string; endorsementId: string; accepted: boolean }) => [e.from, e.to, e.endorsementId, e.accepted])
  t.same(new Set(edges.map(String)), new Set([
    [museum.did, curation, lastSegment(e1.id), true],
    [guild.did, uni.did, lastSegment(e2.id), false]
  ].map(String)), 'the revoked endorsement is not an edge')
  t.ok(graph.edges.every((e: { since: string }) => !Number.isNaN(Date.parse(e.since))), 'edges carry dates')
  t.equal(graph.truncated, false)

  // Removing a member takes its endorsements out of the graph.
  await net.app.inject({ method: 'DELETE', url: `/network/members/${guild.issuerId}`, headers: net.admin })
  const after = (await net.app.inject('/network/graph')).json()
  t.same(after.edges.map((e: { endorsementId: string }) => e.endorsementId), [lastSegment(e1.id)])

  const page = await net.app.inject({ url: '/network/graph', headers: { accept: 'text/html,application/xhtml+xml' } })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
  t.match(page.headers['content-security-policy'], /default-src 'none'/)
  t.match(page.body, /<svg[^>]*>.*<line .*marker-end/s, 'an inline SVG with arrows')
  t.match(page.body, /State &lt;University&gt;/, 'names are escaped')
  t.notMatch(page.body, /<script|State <University>/)
  const alias = await net.app.inject('/network')
  t.equal(alias.statusCode, 200)
  t.match(alias.body, /Endorsement network/)
})

t.test('search: members\' achievements by name, tag or alignment, case-insensitive, literal', async t => {
  const net = await setup(t)
  const a = await makeIssuer(net, 'Coast College')
  const b = await makeIssuer(net, 'Inland Academy')
  const outsider = await makeIssuer(net, 'Not a member')
  await join(net, a, b)
  const welding = await makeAchievement(net, a, { name: 'Welding Basics', tag: ['metalwork'] })
  const sailing = await makeAchievement(net, b, { name: 'Coastal Sailing', alignment: [{ targetName: 'Maritime Safety Framework', targetUrl: 'https://example.org/msf' }] })
  const regex = await makeAchievement(net, b, { name: 'C++ (advanced)', tag: ['Programming'] })
  await makeAchievement(net, outsider, { name: 'Welding Secrets' })

  const search = async (q: string, limit?: number) => {
    const res = await net.app.inject({ url: '/network/achievements', query: { q, ...(limit ? { limit: String(limit) } : {}) } })
    t.equal(res.statusCode, 200, res.body)
    return res.json() as Array<{ id: string; name: string; issuer: { issuerId: string; id: string; name: string } }>
  }
  const byName = await search('WELDING')
  t.same(byName.map(h => h.id), [welding], 'name, case-insensitive, members only')
  t.same(byName[0].issuer, { issuerId: a.issuerId, id: a.did, name: 'Coast College' })
  t.same((await search('metal')).map(h => h.id), [welding], 'tag')
  t.same((await search('maritime safety')).map(h => h.id), [sailing], 'alignment targetName')
  t.same((await search('c++ (')).map(h => h.id), [regex], 'regex characters are literal')
  t.same(await search('.*'), [], 'a pattern is not a pattern')
  t.equal((await search('')).length, 3, 'an empty query lists members\' achievements')
  t.equal((await search('', 2)).length, 2, 'capped by limit')
  const tooMany = await net.app.inject({ url: '/network/achievements', query: { limit: '1000' } })
  t.equal(tooMany.statusCode, 400)
})
