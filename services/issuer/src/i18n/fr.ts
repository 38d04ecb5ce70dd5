// Textes français des messages et pages de l'apprenant (mêmes clés que en.ts).
import type { Messages } from './en.js'

export const fr: Messages = {
  'mail.subject': '{issuer} vous a décerné le badge « {achievement} »',
  'mail.greeting': 'Bonjour {name},',
  'mail.greetingAnonymous': 'Bonjour,',
  'mail.awarded': '{issuer} vous a décerné l\'Open Badge « {achievement} ».',
  'mail.issuerSays': 'Un mot de {issuer} :',
  'mail.claimIntro': 'Ouvrez la page de votre badge pour le télécharger, l\'ajouter à votre portefeuille ou le partager :',
  'mail.claimButton': 'Voir mon badge',
  'mail.expires': 'Ce lien est personnel : ne le partagez pas. Il est valable jusqu\'au {date}.',
  'mail.footer': 'Envoyé au nom de {issuer} par la plateforme Open Badges.',
  'mail.imageAlt': 'Image du badge : {achievement}'
}
