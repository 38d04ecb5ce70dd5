import t from 'tap'
import { healthContract } from '@obp/service-kit/testing'
import { build } from './helper.js'

healthContract(t, 'verifier', build)
