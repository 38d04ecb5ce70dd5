import { join } from 'node:path'
import type { IssuerConfig } from '../config.js'

/** Where development messages go when SMTP_URL is unset (README "Email"). */
export const outboxDir = (config: IssuerConfig): string => join(config.OBP_DATA_DIR, 'outbox')
