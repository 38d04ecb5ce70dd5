// LinkedIn's documented "Add to profile" link for certifications
// (https://addtoprofile.linkedin.com: startTask=CERTIFICATION_NAME with name, organizationName, issueYear,
// issueMonth, certUrl, certId).
export function linkedInAddUrl (o: { name: string; organization: string; issued?: string; certUrl: string; certId: string }): string {
  const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: o.name, organizationName: o.organization })
  const issued = o.issued ? new Date(o.issued) : undefined
  if (issued && !Number.isNaN(issued.getTime())) {
    params.set('issueYear', String(issued.getUTCFullYear()))
    params.set('issueMonth', String(issued.getUTCMonth() + 1))
  }
  params.set('certUrl', o.certUrl)
  params.set('certId', o.certId)
  return `https://www.linkedin.com/profile/add?${params.toString()}`
}
