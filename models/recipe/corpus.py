#!/usr/bin/env python3
"""Build the training corpus from pinned, permissively licensed sources.

Usage: corpus.py OUT_DIR [--tiny]

Writes OUT_DIR/train.jsonl, OUT_DIR/valid.jsonl ({"path","lang","text"} per line)
and OUT_DIR/manifest.json (every source, version, license and byte count).

Rules (see models/README.md): exact-duplicate files are dropped (hash of the
whitespace-normalised text); minified/generated files are dropped (long lines,
.min.js, bundles, .d.ts); the train/valid split is by whole file, decided by the
file's content hash, so it never depends on order or on other files.
"""
import hashlib, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXT = {'.py': 'python', '.go': 'go', '.ts': 'typescript', '.tsx': 'typescript',
       '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript'}
VALID_PERCENT = 2


def die(msg):
    sys.stderr.write('corpus: error: ' + msg + '\n')
    sys.exit(2)


def is_generated(path, text):
    name = os.path.basename(path)
    if name.endswith('.d.ts') or '.min.' in name or 'bundle' in name:
        return 'generated name'
    parts = set(path.replace('\\', '/').split('/'))
    if parts & {'dist', 'build', 'umd', 'esm5', 'esm2015', 'cjs', 'fesm2015'}:
        return 'build output folder'
    if len(text) > 400_000:
        return 'too large'
    lines = text.split('\n')
    if max((len(l) for l in lines), default=0) > 1000:
        return 'line over 1000 chars'
    if len(text) / max(1, len(lines)) > 120:
        return 'average line over 120 chars'
    if '\x00' in text:
        return 'binary'
    return None


def walk(root, include=('.',), exclude=()):
    for inc in include:
        start = os.path.join(root, inc)
        if os.path.isfile(start):
            yield start
            continue
        for d, dirs, files in os.walk(start):
            rel = os.path.relpath(d, root)
            dirs[:] = sorted(x for x in dirs if x != 'node_modules' and
                             not any(os.path.join(rel, x).startswith(e) or x == e for e in exclude))
            for f in sorted(files):
                yield os.path.join(d, f)


def npm_install(work, pkgs):
    os.makedirs(work, exist_ok=True)
    pj = os.path.join(work, 'package.json')
    want = {p['name']: p['version'] for p in pkgs}
    if not os.path.exists(pj) or json.load(open(pj)).get('dependencies') != want:
        json.dump({'name': 'corpus', 'version': '1.0.0', 'private': True, 'dependencies': want}, open(pj, 'w'))
        r = subprocess.run(['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund'], cwd=work)
        if r.returncode != 0:
            die('npm install of the pinned corpus packages failed in %s (is the npm registry reachable?)' % work)


def main():
    if len(sys.argv) < 2:
        die('usage: corpus.py OUT_DIR [--tiny]')
    out = sys.argv[1]
    tiny = '--tiny' in sys.argv
    valid_percent = 20 if tiny else VALID_PERCENT  # a tiny corpus still needs a validation split
    cfg = json.load(open(os.path.join(HERE, 'sources.json')))
    caps = {k: v * 1_000_000 for k, v in cfg['caps_mb'].items()}
    if tiny:
        caps = {k: 150_000 for k in caps}
    os.makedirs(out, exist_ok=True)

    sources = []  # (label, version, license, root, include, exclude)
    for lang in ('python', 'go'):
        s = cfg[lang]
        if not os.path.isdir(s['path']):
            die('source %r is missing: %s not found. Install it with apt-get install %s' %
                (lang, s['path'], 'libpython3.11-stdlib' if lang == 'python' else 'golang-1.19-src'))
        sources.append((s['debian'], s['debian'].split()[-1], s['license'], s['path'], ['.'], s['exclude']))
    npm_dir = os.path.join(out, 'npm')
    npm_install(npm_dir, cfg['npm'])
    for p in cfg['npm']:
        root = os.path.join(npm_dir, 'node_modules', p['name'])
        pj = os.path.join(root, 'package.json')
        if not os.path.exists(pj):
            die('npm source %s@%s is missing at %s' % (p['name'], p['version'], root))
        meta = json.load(open(pj))
        if meta.get('version') != p['version']:
            die('npm source %s: want %s, found %s' % (p['name'], p['version'], meta.get('version')))
        lic = meta.get('license')
        if lic not in ('MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC'):
            die('npm source %s has license %r, which is not on the permissive list' % (p['name'], lic))
        sources.append(('npm:' + p['name'], p['version'], lic, root, p['include'], []))

    seen = set()
    per_lang = {k: 0 for k in caps}
    manifest = {'sources': [], 'dropped': {}, 'valid_percent': valid_percent}
    files = {'train': open(os.path.join(out, 'train.jsonl'), 'w'),
             'valid': open(os.path.join(out, 'valid.jsonl'), 'w')}
    counts = {'train': {}, 'valid': {}}
    for label, version, lic, root, include, exclude in sources:
        used = {}
        for path in walk(root, include, exclude):
            lang = EXT.get(os.path.splitext(path)[1])
            if lang is None:
                continue
            try:
                text = open(path, 'rb').read().decode('utf-8')
            except (UnicodeDecodeError, OSError):
                manifest['dropped']['not utf-8'] = manifest['dropped'].get('not utf-8', 0) + 1
                continue
            text = text.replace('\r\n', '\n')
            why = is_generated(os.path.relpath(path, root), text)
            if why is None and len(text.strip()) < 64:
                why = 'nearly empty'
            if why is None:
                h = hashlib.sha1(' '.join(text.split()).encode()).hexdigest()
                why = 'duplicate' if h in seen else None
                seen.add(h)
            if why is None and per_lang[lang] + len(text) > caps[lang]:
                why = 'language cap reached'
            if why:
                manifest['dropped'][why] = manifest['dropped'].get(why, 0) + 1
                continue
            per_lang[lang] += len(text)
            split = 'valid' if int(h[:8], 16) % 100 < valid_percent else 'train'
            rel = label + '/' + os.path.relpath(path, root)
            files[split].write(json.dumps({'path': rel, 'lang': lang, 'text': text}) + '\n')
            counts[split][lang] = counts[split].get(lang, 0) + len(text.encode())
            u = used.setdefault(lang, [0, 0])
            u[0] += 1
            u[1] += len(text.encode())
        manifest['sources'].append({'source': label, 'version': version, 'license': lic,
                                    'files': {k: v[0] for k, v in used.items()},
                                    'bytes': {k: v[1] for k, v in used.items()}})
    for f in files.values():
        f.close()
    manifest['bytes'] = counts
    json.dump(manifest, open(os.path.join(out, 'manifest.json'), 'w'), indent=1)
    print(json.dumps({'bytes': counts, 'dropped': manifest['dropped']}, indent=1))


if __name__ == '__main__':
    main()
