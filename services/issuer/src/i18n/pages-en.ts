// The strings of the status banner and the network pages, in English (pages-fr.ts mirrors it key for key).
export const pagesEn = {
  lang: 'en',
  status: {
    valid: 'Valid: this badge has not been revoked.',
    validUntil: 'Valid until {date}: this badge has not been revoked.',
    expired: 'Expired on {date}.',
    revoked: 'Revoked by its issuer on {date}.',
    reason: 'Reason given by the issuer: {reason}',
    noReason: 'The issuer did not publish a reason.',
    heading: 'Current status'
  },
  hosted: {
    achievement: 'Achievement',
    description: 'Description',
    criteria: 'Criteria',
    issuer: 'Issuer',
    issuerId: 'Issuer id',
    recipient: 'Recipient',
    hashedRecipient: 'hashed identity (ask the holder)',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    credentialId: 'Credential id',
    image: 'Badge image',
    download: 'Download:',
    json: 'credential (JSON)',
    png: 'baked PNG',
    svg: 'baked SVG',
    endorsements: 'Endorsements',
    endorsedBy: 'Endorsed by {name}',
    other: 'Français',
    otherLang: 'fr'
  },
  network: {
    endorser: 'Endorser',
    endorses: 'Endorses',
    since: 'Since',
    shown: 'Shown on badges',
    credential: 'credential',
    yes: 'yes',
    no: 'no',
    counts: '{received} endorsement(s) received, {given} given',
    graphTitle: 'Endorsement network',
    intro: '{issuers} member issuers, {endorsements} endorsements. Blue: issuers; orange: achievements, tied to their issuer; arrows point from the endorser to what it endorses; dashed: not shown on badges.',
    truncated: 'Only the oldest endorsements are drawn.',
    title: 'The network',
    graphHeading: 'Who endorses whom',
    members: 'Members',
    memberSince: 'member since {date}',
    noEndorsements: 'no endorsement yet',
    achievementsOf: 'Achievements',
    search: 'Search achievements',
    searchLabel: 'Name, tag or alignment',
    searchButton: 'Search',
    results: '{count} result(s) for “{q}”',
    noResults: 'No achievement matches “{q}”.',
    by: 'by {issuer}',
    endorsementCount: '{count} endorsement(s)',
    other: 'Français',
    otherLang: 'fr'
  }
}

export type PageMessages = typeof pagesEn
