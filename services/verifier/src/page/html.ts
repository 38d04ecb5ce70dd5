// GET /: the public verification page. Plain HTML, one inline stylesheet and one self-served script; no
// third-party resources (the CSP forbids them).
import { PAGE_CSS } from './style.js'

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verify an Open Badge</title>
<style>${PAGE_CSS}</style>
<script src="/page.js" defer></script>
</head>
<body>
<h1>Verify an Open Badge</h1>
<form id="paste-form">
  <label for="credential">Paste a credential (JSON) or a VC-JWT</label>
  <textarea id="credential" name="credential" spellcheck="false" placeholder='{"@context": [...], "type": ["VerifiableCredential", "OpenBadgeCredential"], ...}'></textarea>
  <label for="file">…or upload a badge image (PNG or SVG) or a JSON file</label>
  <input id="file" name="file" type="file" accept=".png,.svg,.json,.jwt,image/png,image/svg+xml,application/json">
  <label for="recipient">Recipient email, DID or sourcedId to check (optional)</label>
  <input id="recipient" name="recipient" type="text" size="40" autocomplete="off">
  <div><button id="verify" type="submit">Verify</button></div>
</form>
<section id="result" hidden aria-live="polite">
  <div id="verdict" class="verdict" data-testid="verdict"></div>
  <p id="reason" class="muted"></p>
  <div class="badge">
    <img id="badge-image" alt="Badge image" hidden>
    <dl id="details"></dl>
  </div>
  <h2>Checks</h2>
  <ul id="checks" class="checks"></ul>
  <div id="endorsements-block" hidden>
    <h2>Endorsements</h2>
    <ul id="endorsements" class="checks"></ul>
  </div>
  <div id="network-block" hidden>
    <h2>Network</h2>
    <p id="network-status" data-testid="network-status"></p>
    <ul id="network-endorsers" class="checks"></ul>
  </div>
</section>
<p class="muted">Verification runs on this server: the signature, the issuer's key, the dates, the revocation status and any endorsements are each checked, and the issuer's membership of the network is shown.</p>
</body>
</html>
`
