// The strings of the status banner and the network pages, in French (key for key as pages-en.ts).
import type { PageMessages } from './pages-en.js'

export const pagesFr: PageMessages = {
  lang: 'fr',
  status: {
    valid: 'Valide : ce badge n’a pas été révoqué.',
    validUntil: 'Valide jusqu’au {date} : ce badge n’a pas été révoqué.',
    expired: 'Expiré le {date}.',
    revoked: 'Révoqué par son émetteur le {date}.',
    reason: 'Motif donné par l’émetteur : {reason}',
    noReason: 'L’émetteur n’a pas publié de motif.',
    heading: 'Statut actuel'
  },
  hosted: {
    achievement: 'Réussite',
    description: 'Description',
    criteria: 'Critères',
    issuer: 'Émetteur',
    issuerId: 'Identifiant de l’émetteur',
    recipient: 'Titulaire',
    hashedRecipient: 'identité chiffrée (demandez au titulaire)',
    validFrom: 'Valide à partir du',
    validUntil: 'Valide jusqu’au',
    credentialId: 'Identifiant du badge',
    image: 'Image du badge',
    download: 'Télécharger :',
    json: 'badge (JSON)',
    png: 'PNG avec le badge',
    svg: 'SVG avec le badge',
    endorsements: 'Recommandations',
    endorsedBy: 'Recommandé par {name}',
    other: 'English',
    otherLang: 'en'
  },
  network: {
    endorser: 'Recommandé par',
    endorses: 'Recommande',
    since: 'Depuis le',
    shown: 'Affichée sur les badges',
    credential: 'attestation',
    yes: 'oui',
    no: 'non',
    counts: '{received} recommandation(s) reçue(s), {given} donnée(s)',
    graphTitle: 'Réseau de recommandations',
    intro: '{issuers} émetteurs membres, {endorsements} recommandations. En bleu : les émetteurs ; en orange : les réussites, reliées à leur émetteur ; les flèches vont de celui qui recommande à ce qu’il recommande ; en pointillé : non affichée sur les badges.',
    truncated: 'Seules les recommandations les plus anciennes sont dessinées.',
    title: 'Le réseau',
    graphHeading: 'Qui recommande qui',
    members: 'Membres',
    memberSince: 'membre depuis le {date}',
    noEndorsements: 'aucune recommandation pour l’instant',
    achievementsOf: 'Réussites',
    search: 'Rechercher des réussites',
    searchLabel: 'Nom, mot-clé ou référentiel',
    searchButton: 'Rechercher',
    results: '{count} résultat(s) pour « {q} »',
    noResults: 'Aucune réussite ne correspond à « {q} ».',
    by: 'par {issuer}',
    endorsementCount: '{count} recommandation(s)',
    other: 'English',
    otherLang: 'en'
  }
}
