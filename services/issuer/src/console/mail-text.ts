// The console's emails, in both languages in one message (the recipient's language is not known yet).
export interface Letter { subject: string; text: string }

export function invitationLetter (p: { issuerName: string; role: string; link: string }): Letter {
  return {
    subject: `Invitation: ${p.issuerName} / Invitation : ${p.issuerName}`,
    text: `You are invited to the badge console of ${p.issuerName} as ${p.role}.\n` +
      `Choose your password here (the link works for 7 days):\n${p.link}\n\n` +
      `Vous êtes invité·e dans la console des badges de ${p.issuerName} (rôle : ${p.role}).\n` +
      `Choisissez votre mot de passe ici (lien valable 7 jours) :\n${p.link}\n`
  }
}

export function resetLetter (p: { link: string }): Letter {
  return {
    subject: 'Password reset / Réinitialisation du mot de passe',
    text: `Someone asked to reset your console password. If it was you, choose a new one here (valid 1 hour):\n${p.link}\n` +
      'Otherwise ignore this message.\n\n' +
      `Une réinitialisation de votre mot de passe a été demandée. Si c'est vous, choisissez-en un nouveau ici (valable 1 heure) :\n${p.link}\n` +
      'Sinon, ignorez ce message.\n'
  }
}
