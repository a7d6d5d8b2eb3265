// Fails on a broken relative link in the repository's Markdown: a file that does not exist, a heading anchor that no
// heading of the target produces (GitHub's slugs), or a link that leaves the repository. External (http, mailto)
// links are not fetched. Run by ./bin/test; `node .ci/check-links.mjs` alone prints every broken link.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const skipped = new Set(['node_modules', 'target', '.git', '.infra', 'artifacts']);

function markdownFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown) {
  const seen = new Map();
  const anchors = new Set();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1].replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function linksOf(markdown) {
  const links = [];
  let fenced = false;
  markdown.split('\n').forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    const unquoted = line.replace(/`[^`]*`/g, '');
    for (const match of unquoted.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ target: match[1], line: index + 1 });
    }
  });
  return links;
}

const broken = [];
for (const file of markdownFiles(root)) {
  const text = readFileSync(file, 'utf8');
  for (const { target, line } of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [pathPart, anchor] = target.split('#', 2);
    const resolved = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
    const where = `${relative(root, file)}:${line}: ${target}`;
    if (resolved !== root && !resolved.startsWith(root + sep)) {
      broken.push(`${where} (leaves the repository)`);
    } else if (!existsSync(resolved)) {
      broken.push(`${where} (no such file)`);
    } else if (anchor && statSync(resolved).isFile() && resolved.endsWith('.md')
        && !anchorsOf(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))) {
      broken.push(`${where} (no such heading)`);
    }
  }
}
if (broken.length > 0) {
  console.error(`check-links: ${broken.length} broken link(s) in the Markdown files:\n  ${broken.join('\n  ')}`);
  process.exit(1);
}
console.log('check-links: every relative link of the Markdown files resolves');
