// CSV header names as registrars' spreadsheets write them: matched without case, accents, spaces or
// punctuation, in English and French (documented in README "CSV batches"). One place for the aliases.

export const CSV_FIELDS = ['achievementId', 'email', 'did', 'sourcedId', 'name', 'givenName', 'familyName', 'validFrom', 'validUntil',
  'evidenceUrl', 'evidenceNarrative', 'resultValue', 'resultStatus', 'allowDuplicate'] as const
export type CsvField = typeof CSV_FIELDS[number]

/** Aliases per field, as written; compared in their `headerKey` form. */
export const CSV_ALIASES: Record<CsvField, string[]> = {
  achievementId: ['achievementId', 'achievement', 'achievement id', 'badge', 'badge id', 'badge name', 'open badge', 'certification', 'réussite'],
  email: ['email', 'e-mail', 'mail', 'email address', 'courriel', 'adresse email', 'adresse e-mail', 'adresse mail', 'adresse courriel', 'adresse électronique'],
  did: ['did', 'wallet did', 'did du portefeuille'],
  sourcedId: ['sourcedId', 'student id', 'student number', 'learner id', 'identifiant', 'identifiant étudiant', 'numéro étudiant', 'numéro d\'étudiant', 'matricule', 'ine'],
  name: ['name', 'full name', 'recipient name', 'learner name', 'student name', 'nom complet', 'nom et prénom', 'prénom et nom', 'apprenant', 'étudiant'],
  givenName: ['given name', 'first name', 'firstname', 'prénom', 'prenom usuel'],
  familyName: ['family name', 'last name', 'lastname', 'surname', 'nom', 'nom de famille', 'nom d\'usage'],
  validFrom: ['validFrom', 'valid from', 'issued on', 'date', 'award date', 'date d\'obtention', 'date de délivrance', 'délivré le', 'valable à partir du'],
  validUntil: ['validUntil', 'valid until', 'expires', 'expiry', 'expiration', 'expiration date', 'date d\'expiration', 'valable jusqu\'au', 'expire le'],
  evidenceUrl: ['evidenceUrl', 'evidence url', 'evidence', 'evidence link', 'preuve', 'lien preuve', 'url preuve', 'lien de la preuve'],
  evidenceNarrative: ['evidenceNarrative', 'evidence narrative', 'narrative', 'comment', 'commentaire', 'description de la preuve'],
  resultValue: ['resultValue', 'result value', 'result', 'grade', 'score', 'résultat', 'note'],
  resultStatus: ['resultStatus', 'result status', 'statut', 'statut du résultat'],
  allowDuplicate: ['allowDuplicate', 'allow duplicate', 'duplicate', 'doublon', 'doublon autorisé']
}

/** `Prénom ` -> `prenom`, `E-mail` -> `email`, `Date d'obtention` -> `datedobtention`. */
export function headerKey (header: string): string {
  return header.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '')
}

const BY_KEY = new Map<string, CsvField>(CSV_FIELDS.flatMap(f => CSV_ALIASES[f].map(a => [headerKey(a), f] as [string, CsvField])))

export function fieldOf (header: string): CsvField | undefined {
  return BY_KEY.get(headerKey(header))
}

/** A spreadsheet column letter: 0 -> A, 26 -> AA. */
export function columnLetter (index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) { const r = (n - 1) % 26; s = String.fromCharCode(65 + r) + s; n = Math.floor((n - 1) / 26) }
  return s
}
