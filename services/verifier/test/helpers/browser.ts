// The shared Chromium helper (@obp/service-kit/browser-testing), with this service's screenshot folder.
import type { Page } from 'playwright-core'
import { screenshot as save } from '@obp/service-kit/browser-testing'

export { CHROMIUM, axeViolations, launch } from '@obp/service-kit/browser-testing'
export const screenshot = (page: Page, name: string): Promise<string> => save(page, name, 'verifier')
