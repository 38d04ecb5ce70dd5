import t from 'tap'
import { authBeforeBody } from '@obp/service-kit/testing'
import { build } from './helper.js'

authBeforeBody(t, build)
