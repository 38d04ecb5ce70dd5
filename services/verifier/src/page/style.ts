// The page's only stylesheet, inlined and allowed by its hash in the Content-Security-Policy.
export const PAGE_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d2430; background: #f5f6f8; }
body { max-width: 56rem; margin: 0 auto; padding: 1.5rem; }
header { text-align: right; }
a { color: #1f4690; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; }
form, section { background: #fff; border: 1px solid #d8dce3; border-radius: .5rem; padding: 1rem; margin-bottom: 1rem; }
textarea { width: 100%; min-height: 9rem; font-family: ui-monospace, monospace; font-size: .85rem; box-sizing: border-box; }
label { display: block; margin: .5rem 0 .25rem; font-weight: 600; }
button { margin-top: .75rem; padding: .5rem 1.25rem; border: 0; border-radius: .35rem; background: #2450a6; color: #fff; font-size: 1rem; cursor: pointer; }
.verdict { padding: .75rem 1rem; border-radius: .4rem; border-left: .5rem solid; }
.verdict h2 { font-size: 1.4rem; margin: 0 0 .4rem; }
.verdict p { margin: .25rem 0; font-size: 1.05rem; }
.verdict.ok { background: #e3f6e8; color: #12521f; border-color: #17692f; }
.verdict.caution { background: #fff4d6; color: #5c3d00; border-color: #9a6700; }
.verdict.bad { background: #fdeaea; color: #7f1515; border-color: #9b1c1c; }
.badge { display: flex; gap: 1rem; align-items: flex-start; margin-top: 1rem; }
.badge img { width: 8rem; height: 8rem; object-fit: contain; border: 1px solid #d8dce3; border-radius: .4rem; background: #fff; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dt { font-weight: 600; color: #4a5568; }
dd { margin: 0; overflow-wrap: anywhere; }
ul.checks { list-style: none; padding: 0; margin: 0; }
ul.checks li { padding: .35rem .5rem; border-bottom: 1px solid #eef0f3; overflow-wrap: anywhere; }
.mark { display: inline-block; width: 1.5rem; font-weight: 700; }
li.success .mark { color: #17692f; }
li.failure .mark { color: #9b1c1c; }
li.warning .mark { color: #8a5a00; }
li.skipped .mark { color: #5f6b7a; }
li.failure { background: #fff5f5; }
.muted { color: #4f5b6b; font-size: .9rem; }
[hidden] { display: none !important; }
`
