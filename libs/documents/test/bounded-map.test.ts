import t from 'tap'
import { BoundedMap } from '../src/index.js'

t.test('a BoundedMap forgets its oldest entry once full, and an overwrite forgets nothing', async t => {
  const map = new BoundedMap<string, number>(3)
  for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) map.set(k, v)
  map.set('b', 20)
  t.same([...map], [['a', 1], ['b', 20], ['c', 3]], 'overwriting a key keeps every entry')
  map.set('d', 4)
  t.same([...map.keys()], ['b', 'c', 'd'], 'the oldest (a) goes first')
  t.equal(map.size, 3)
})
