// Every string of the public verification page, in French (key for key as en.ts).
import type { PageMessages } from './en.js'

export const fr: PageMessages = {
  lang: 'fr',
  locale: 'fr-FR',
  title: 'Vérifier un Open Badge',
  otherLanguage: 'English',
  otherLang: 'en',
  form: {
    credential: 'Collez un badge (JSON), un VC-JWT ou un lien vers un badge',
    placeholder: 'https://… ou {"@context": [...], "type": ["VerifiableCredential", "OpenBadgeCredential"], ...}',
    file: '…ou déposez une image de badge (PNG ou SVG) ou un fichier JSON',
    recipient: 'Courriel, DID ou identifiant du titulaire à contrôler (facultatif)',
    verify: 'Vérifier'
  },
  about: 'La vérification est faite sur ce serveur : la signature, la clé de l’émetteur, les dates et la révocation sont contrôlées une à une. Qui se porte garant de l’émetteur (adhésion au réseau, recommandations, site web) est indiqué à part.',
  headings: { details: 'Le badge', checks: 'Contrôles', endorsements: 'Recommandations', network: 'Réseau' },
  verdict: {
    authentic: 'Authentique et valide',
    member: 'Authentique et valide — émis par {issuer}, membre de {network} depuis le {date}.',
    endorsed: 'Authentique et valide — émis par {issuer}, qui n’est pas membre du réseau mais est recommandé par {endorsers}.',
    unknown: 'Authentique et valide — mais l’émetteur n’est pas membre du réseau et son site web n’est pas confirmé.',
    unknownLinked: 'Authentique et valide — mais l’émetteur n’est pas membre du réseau (son site web {url} est confirmé).',
    websiteConfirmed: 'Son site web {url} est confirmé comme le sien.',
    websiteNotConfirmed: 'Son site web n’est pas confirmé comme le sien.',
    notValid: 'Non valide',
    notACredential: 'Ce n’est pas un badge',
    unknownIssuer: 'un émetteur sans nom'
  },
  reasons: {
    revoked: 'L’émetteur a révoqué ce badge le {date}.',
    revokedUndated: 'L’émetteur a révoqué ce badge.',
    reason: 'Motif donné par l’émetteur : {reason}',
    expired: 'Ce badge a expiré le {date}.',
    expiredUndated: 'Ce badge a expiré.',
    notYet: 'Ce badge n’est pas encore valide.',
    tampered: 'Le badge a été modifié après sa signature, ou sa signature n’est pas valide.',
    issuer: 'La clé qui a signé le badge n’appartient pas à l’émetteur qu’il nomme.',
    status: 'Le statut de révocation n’a pas pu être vérifié : le badge ne peut pas être considéré comme valide maintenant.',
    malformed: 'Ce n’est pas un badge bien formé.',
    recipient: 'Le badge n’a pas été délivré à ce titulaire.',
    other: 'Un contrôle a échoué : {check}.',
    emptyInput: 'Collez un badge ou un lien, ou choisissez d’abord un fichier.',
    badJson: 'Le texte collé n’est pas du JSON valide.'
  },
  labels: {
    achievement: 'Réussite', description: 'Description', criteria: 'Critères', issuer: 'Émetteur', recipient: 'Titulaire',
    validFrom: 'Valide à partir du', validUntil: 'Valide jusqu’au', hashed: 'chiffré', image: 'Image du badge',
    member: 'L’émetteur est membre du réseau depuis le {date}.', notMember: 'L’émetteur n’est pas membre du réseau.',
    endorses: '{name} recommande {what}', thisAchievement: 'cette réussite', theIssuer: 'l’émetteur', notCounted: 'non prise en compte : {reason}'
  },
  check: { success: 'réussi', failure: 'échec', warning: 'avertissement', skipped: 'non fait' }
}
