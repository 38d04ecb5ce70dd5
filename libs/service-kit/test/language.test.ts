import t from 'tap'
import { pickLanguage } from '../src/language.js'

t.test('?lang wins, then Accept-Language by q-value, then English', async t => {
  t.equal(pickLanguage('fr', 'en'), 'fr')
  t.equal(pickLanguage('de', 'fr-FR,fr;q=0.9'), 'fr', 'an unknown ?lang is ignored')
  t.equal(pickLanguage(undefined, 'de;q=1, en;q=0.5, fr;q=0.8'), 'fr')
  t.equal(pickLanguage(undefined, 'fr;q=0, en'), 'en', 'q=0 means not acceptable')
  t.equal(pickLanguage(undefined, undefined), 'en')
  t.equal(pickLanguage(['fr'], 'de'), 'en', 'a repeated ?lang is ignored')
})
