// English strings of the learner's messages and pages. Placeholders are `{name}`; every key exists in fr.ts
// (the type of fr.ts is this file's shape).
export const en = {
  'mail.subject': '{issuer} awarded you the badge "{achievement}"',
  'mail.greeting': 'Hello {name},',
  'mail.greetingAnonymous': 'Hello,',
  'mail.awarded': '{issuer} has awarded you the Open Badge "{achievement}".',
  'mail.issuerSays': 'A word from {issuer}:',
  'mail.claimIntro': 'Open your badge page to download it, add it to your wallet or share it:',
  'mail.claimButton': 'View my badge',
  'mail.expires': 'This link is personal; keep it to yourself. It works until {date}.',
  'mail.footer': 'Sent on behalf of {issuer} by the Open Badges platform.',
  'mail.imageAlt': 'Badge image: {achievement}'
} as const

export type MessageKey = keyof typeof en
export type Messages = Record<MessageKey, string>
