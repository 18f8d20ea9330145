// The reviews as an HTML page that looks like comments on GitHub (GitHub-flavoured markdown and alert boxes).
import { marked } from 'marked';

/** GitHub's alert blocks (> [!CAUTION]) as coloured boxes; marked renders the rest of GitHub-flavoured markdown. */
function toHtml(markdown) {
  const alerts = markdown.replace(/^> \[!(CAUTION|WARNING|NOTE)\]\n((?:> .*\n?)*)/gm, (_, kind, body) => {
    const text = body.replace(/^> /gm, '');
    return `<div class="alert ${kind.toLowerCase()}"><p class="title">${kind[0]}${kind.slice(1).toLowerCase()}</p>\n\n${text}\n</div>\n`;
  });
  return marked.parse(alerts, { gfm: true });
}

/** @param {Array<{ title: string, summary: string }>} reviews */
export function htmlPage(reviews) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Okta plan review: demo</title>
<style>
body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; background: #f6f8fa; color: #1f2328; margin: 0; padding: 24px; }
.comment { max-width: 900px; margin: 0 auto 32px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.comment header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; border-radius: 6px 6px 0 0; color: #59636e; }
.comment .body { padding: 16px; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d9e0; padding: 4px 12px; }
code { background: #eff1f3; padding: 1px 4px; border-radius: 4px; font-size: 85%; }
pre { background: #f6f8fa; padding: 12px; overflow: auto; } pre code { background: none; }
.alert { border-left: 4px solid; padding: 4px 16px; margin: 12px 0; } .alert .title { font-weight: 600; margin: 4px 0; }
.alert.caution { border-color: #d1242f; } .alert.caution .title { color: #d1242f; }
.alert.warning { border-color: #9a6700; } .alert.warning .title { color: #9a6700; }
</style></head><body>
${reviews
  .map(
    (r) =>
      `<div class="comment"><header><strong>github-actions</strong> · ${r.title}</header><div class="body">${toHtml(r.summary)}</div></div>`,
  )
  .join('\n')}
</body></html>
`;
}
