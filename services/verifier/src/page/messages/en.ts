// Every string of the public verification page, in English (fr.ts mirrors it key for key). The page's script
// reads the `verdict`, `reasons`, `labels` and `check` groups from a JSON data block of the page.
export const en = {
  lang: 'en',
  locale: 'en-GB',
  title: 'Verify an Open Badge',
  otherLanguage: 'Français',
  otherLang: 'fr',
  form: {
    credential: 'Paste a credential (JSON), a VC-JWT, or a link to a badge',
    placeholder: 'https://… or {"@context": [...], "type": ["VerifiableCredential", "OpenBadgeCredential"], ...}',
    file: '…or upload a badge image (PNG or SVG) or a JSON file',
    recipient: 'Recipient email, DID or sourcedId to check (optional)',
    verify: 'Verify'
  },
  about: 'Verification runs on this server: the signature, the issuer\'s key, the dates and the revocation status are each checked. Who stands behind the issuer (membership of the network, endorsements, its website) is shown apart.',
  headings: { details: 'The badge', checks: 'Checks', endorsements: 'Endorsements', network: 'Network' },
  verdict: {
    authentic: 'Authentic and valid',
    member: 'Authentic and valid — issued by {issuer}, member of {network} since {date}.',
    endorsed: 'Authentic and valid — issued by {issuer}, which is not a member of the network but is endorsed by {endorsers}.',
    unknown: 'Authentic and valid — but the issuer is not a member of the network and its website is not confirmed.',
    unknownLinked: 'Authentic and valid — but the issuer is not a member of the network (its website {url} is confirmed).',
    websiteConfirmed: 'Its website {url} is confirmed as its own.',
    websiteNotConfirmed: 'Its website is not confirmed as its own.',
    notValid: 'Not valid',
    notACredential: 'Not a credential',
    unknownIssuer: 'an unnamed issuer'
  },
  reasons: {
    revoked: 'The issuer revoked this badge on {date}.',
    revokedUndated: 'The issuer revoked this badge.',
    reason: 'Reason given by the issuer: {reason}',
    expired: 'This badge expired on {date}.',
    expiredUndated: 'This badge has expired.',
    notYet: 'This badge is not valid yet.',
    tampered: 'The badge was changed after it was signed, or its signature is not valid.',
    issuer: 'The key that signed the badge does not belong to the issuer it names.',
    status: 'The revocation status could not be checked, so the badge cannot be trusted now.',
    malformed: 'This is not a well-formed credential.',
    recipient: 'The badge was not issued to this recipient.',
    other: 'A check failed: {check}.',
    emptyInput: 'Paste a credential or a link, or choose a file first.',
    badJson: 'The pasted text is not valid JSON.'
  },
  labels: {
    achievement: 'Achievement', description: 'Description', criteria: 'Criteria', issuer: 'Issuer', recipient: 'Recipient',
    validFrom: 'Valid from', validUntil: 'Valid until', hashed: 'hashed', image: 'Badge image',
    member: 'The issuer is a member of the network since {date}.', notMember: 'The issuer is not a member of the network.',
    endorses: '{name} endorses {what}', thisAchievement: 'this achievement', theIssuer: 'the issuer', notCounted: 'not counted: {reason}'
  },
  check: { success: 'pass', failure: 'fail', warning: 'warning', skipped: 'skipped' }
}

export type PageMessages = typeof en
