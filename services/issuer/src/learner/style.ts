// The one stylesheet of the learner's pages (claim page, public credential page), served at /assets/learner.css.
export const LEARNER_CSS = `*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f6f7f9;margin:0;line-height:1.5}
header,main,footer{max-width:48rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:flex-end;gap:.75rem}
a{color:#0b4f8a}
a:focus,button:focus{outline:3px solid #f0b400;outline-offset:2px}
.card{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:1.5rem;margin-bottom:1rem}
.badge{display:flex;gap:1.5rem;align-items:flex-start;flex-wrap:wrap}
.badge img{width:160px;height:160px;object-fit:contain}
h1{font-size:1.75rem;margin:.25rem 0}
h2{font-size:1.2rem;margin:0 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
.status{padding:.75rem 1rem;border-radius:6px;font-weight:600}
.status-active{background:#e6f4ea;color:#14532d}
.status-revoked,.status-expired{background:#fdecea;color:#7f1d1d}
.status-notYetValid{background:#fff7e0;color:#5c3d00}
.notice{background:#eef4fb;border-left:4px solid #0b4f8a;padding:.75rem 1rem}
ul.actions{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.5rem}
.button{display:inline-block;background:#0b4f8a;color:#fff;padding:.5rem .9rem;border-radius:4px;text-decoration:none;border:0;font:inherit;cursor:pointer}
.qr{width:240px;height:240px;background:#fff}
`
