/**
 * Generates `API.md`, the package's API reference, from the doc comments in `lib/`.
 *
 * TypeDoc with typedoc-plugin-markdown (options in `typedoc.json`) renders one Markdown page per
 * entry point into a temporary directory; this script then concatenates those pages into the
 * single committed `API.md`, in the fixed order of {@link ENTRY_POINTS}, with every link turned
 * into an anchor inside that one file (or dropped when it points nowhere in it).
 *
 * Usage:
 * - `npx tsx scripts/generate-api-docs.ts` (or `npm run docs`) writes `API.md`.
 * - `npx tsx scripts/generate-api-docs.ts --check` writes nothing and exits 1 when the committed
 *   `API.md` differs from what the sources produce now.
 *
 * The output is deterministic: no timestamps, no source locations, no absolute paths.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** TypeDoc's module: ES-module-only, so its types are imported in `import` resolution mode. */
type TypeDoc = typeof import('typedoc', { with: { 'resolution-mode': 'import' }});
/** typedoc-plugin-markdown's module (ES-module-only too). */
type Markdown = typeof import('typedoc-plugin-markdown', { with: { 'resolution-mode': 'import' }});
type DeclarationReflection = InstanceType<TypeDoc['DeclarationReflection']>;
type ProjectReflection = InstanceType<TypeDoc['ProjectReflection']>;

/** One documented entry point of the package, in the order it appears in `API.md`. */
interface EntryPoint {
  /** The import specifier users write, which is also the module's name in `API.md`. */
  readonly specifier: string;
  /** The module name TypeDoc derives from the file path (relative to `lib/`, without `/index`). */
  readonly derivedName: string;
  /** The anchor of the module's section in `API.md`, and the prefix of every anchor inside it. */
  readonly anchor: string;
}

/**
 * The package's entry points (the `exports` of package.json), in the order they are documented:
 * what users reach for first (the Pulumi platform, the cdk8s constructs, the core's builders),
 * then the policies and the test mocks. Inside each, `groupOrder` in typedoc.json puts classes and
 * functions before constants, interfaces and type aliases.
 */
const ENTRY_POINTS: readonly EntryPoint[] = [
  { specifier: 'velero-iac/pulumi', derivedName: 'pulumi', anchor: 'pulumi' },
  { specifier: 'velero-iac/cdk8s', derivedName: 'cdk8s', anchor: 'cdk8s' },
  { specifier: 'velero-iac', derivedName: 'core', anchor: 'core' },
  {
    specifier: 'velero-iac/pulumi/policies',
    derivedName: 'pulumi/policies',
    anchor: 'pulumi-policies',
  },
  {
    specifier: 'velero-iac/pulumi/testing',
    derivedName: 'pulumi/testing',
    anchor: 'pulumi-testing',
  },
  { specifier: 'velero-iac/aws-cdk', derivedName: 'aws-cdk', anchor: 'aws-cdk' },
  {
    specifier: 'velero-iac/pulumi/registry',
    derivedName: 'pulumi/registry',
    anchor: 'pulumi-registry',
  },
];

/**
 * The short getting-started at the top of API.md: where to begin for each way of using the
 * package. Every link must land on an anchor of the generated file (checked in `assemble`).
 */
const GETTING_STARTED = [
  '## Getting started',
  '',
  '- **Pulumi**: one [`VeleroBackupPlatform`](#pulumi.velerobackupplatform) per cluster gives the',
  '  protected bucket, the IAM role, the storage locations, the schedules and the Helm values',
  '  ([`VeleroBackupPlatformArgs`](#pulumi.velerobackupplatformargs)). Its parts are components',
  '  of their own: [`VeleroBucket`](#pulumi.velerobucket),',
  '  [`VeleroServiceRole`](#pulumi.veleroservicerole), [`VeleroSchedule`](#pulumi.veleroschedule)...',
  '- **cdk8s**: one construct per Velero resource, e.g.',
  '  [`UdsDefaultSchedule`](#cdk8s.udsdefaultschedule), [`VeleroSchedule`](#cdk8s.veleroschedule),',
  '  [`VeleroRestore`](#cdk8s.velerorestore), then `app.synth()`.',
  '- **Plain objects**: the builders of `velero-iac`, e.g.',
  '  [`scheduleManifest`](#core.schedulemanifest), [`udsDefaultSchedule`](#core.udsdefaultschedule),',
  '  [`backupFromSchedule`](#core.backupfromschedule), and',
  '  [`validateManifest`](#core.validatemanifest) for hand-written manifests. Every builder throws a',
  '  [`VeleroConfigError`](#core.veleroconfigerror) listing every problem.',
  '- **Policies and tests**: [`veleroBucketPolicies`](#pulumi-policies.velerobucketpolicies) for a',
  '  `PolicyPack`, [`veleroMocks`](#pulumi-testing.veleromocks) for `pulumi.runtime.setMocks`.',
  '',
].join('\n');

/** The repository's root directory (this file lives in `scripts/`). */
const REPO_ROOT = path.resolve(__dirname, '..');

/** The generated file, relative to the repository root. */
const API_FILE = 'API.md';

/**
 * Imports an ES-module-only package installed in the repository's `node_modules`.
 *
 * A plain `import('typedoc')` does not work here: tsx applies tsconfig's `baseUrl: "."` to bare
 * specifiers and resolves `typedoc` to this repository's `typedoc.json`. Resolving from inside
 * `node_modules` sidesteps that mapping.
 */
async function importInstalled<T>(name: string): Promise<T> {
  const resolveFromNodeModules = createRequire(path.join(REPO_ROOT, 'node_modules', 'index.js'));
  return (await import(pathToFileURL(resolveFromNodeModules.resolve(name)).href)) as T;
}

/** One Markdown page TypeDoc rendered, as captured before it was written. */
interface RenderedPage {
  /** The page's path relative to the output directory, with `/` separators. */
  readonly url: string;
  /** The module (or namespace) the page documents; `undefined` for the project index page. */
  readonly model: DeclarationReflection | undefined;
  /** The page's Markdown. */
  readonly contents: string;
}

/** A page placed into `API.md`: its Markdown and the anchor prefix of its section. */
interface PlacedPage {
  readonly url: string;
  readonly anchor: string;
  readonly contents: string;
}

/**
 * Makes `localeCompare` without an explicit locale use `en`. TypeDoc sorts members with it, and the
 * default locale follows the machine's LANG/LC_ALL: pinned, every machine writes the same order.
 */
function pinSortLocale(): void {
  const localeCompare = String.prototype.localeCompare;
  String.prototype.localeCompare = function (
    this: string,
    that: string,
    locales?: Intl.LocalesArgument,
    options?: Intl.CollatorOptions,
  ): number {
    return localeCompare.call(this, that, locales ?? 'en', options);
  };
}

/** Runs TypeDoc with `typedoc.json` into a temporary directory and returns the rendered pages. */
async function renderPages(): Promise<RenderedPage[]> {
  const td = await importInstalled<TypeDoc>('typedoc');
  const markdown = await importInstalled<Markdown>('typedoc-plugin-markdown');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'velero-iac-api-'));
  try {
    const app = await td.Application.bootstrapWithPlugins(
      { options: path.join(REPO_ROOT, 'typedoc.json') },
      [new td.TypeDocReader()],
    );
    const project = await app.convert();
    if (!project || app.logger.hasErrors()) {
      throw new Error('TypeDoc could not convert the sources (see the errors above).');
    }
    nameModulesAfterEntryPoints(project);
    app.validate(project);

    const pages: RenderedPage[] = [];
    app.renderer.on(markdown.MarkdownPageEvent.END, (page: unknown) => {
      if (!(page instanceof markdown.MarkdownPageEvent)) return;
      const model = page.model instanceof td.DeclarationReflection ? page.model : undefined;
      pages.push({ url: page.url.replace(/\\/g, '/'), model, contents: page.contents });
    });
    await app.outputs.writeOutput({ name: 'markdown', path: outDir }, project);
    if (app.logger.hasErrors()) {
      throw new Error('TypeDoc could not render the documentation (see the errors above).');
    }
    return pages;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Renames each module from the name TypeDoc derives from its path (`core`, `pulumi/policies`)
 * to the specifier users import (`velero-iac`, `velero-iac/pulumi/policies`).
 */
function nameModulesAfterEntryPoints(project: ProjectReflection): void {
  const modules = project.children ?? [];
  const unknown = modules.filter((m) => !entryPointOf(m.name)).map((m) => m.name);
  if (unknown.length > 0) {
    throw new Error(
      `TypeDoc produced modules that are not package entry points: ${unknown.join(', ')}. ` +
        `Expected: ${ENTRY_POINTS.map((e) => e.derivedName).join(', ')}.`,
    );
  }
  for (const module of modules) {
    module.name = entryPointOf(module.name)!.specifier;
  }
  const missing = ENTRY_POINTS.filter((e) => !modules.some((m) => m.name === e.specifier));
  if (missing.length > 0) {
    throw new Error(
      `TypeDoc documented no module for ${missing.map((e) => e.specifier).join(', ')}.`,
    );
  }
}

/** The entry point a module name (derived or already renamed) belongs to. */
function entryPointOf(moduleName: string): EntryPoint | undefined {
  return ENTRY_POINTS.find((e) => e.derivedName === moduleName || e.specifier === moduleName);
}

/** The top-level module a reflection belongs to (itself when it is one). */
function moduleOf(reflection: DeclarationReflection): DeclarationReflection {
  let current: DeclarationReflection = reflection;
  while (current.parent?.isDeclaration()) {
    current = current.parent;
  }
  return current;
}

/** Orders the pages: each entry point's module page, then its namespace pages by URL. */
function placePages(pages: readonly RenderedPage[]): PlacedPage[] {
  const placed: PlacedPage[] = [];
  for (const entry of ENTRY_POINTS) {
    const own = pages.filter((p) => p.model && moduleOf(p.model).name === entry.specifier);
    own.sort((a, b) => {
      const aIsModule = a.model === moduleOf(a.model!);
      const bIsModule = b.model === moduleOf(b.model!);
      if (aIsModule !== bIsModule) return aIsModule ? -1 : 1;
      return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
    });
    for (const page of own) {
      const isModule = page.model === moduleOf(page.model!);
      const anchor = isModule
        ? entry.anchor
        : `${entry.anchor}-${slug(page.url.replace(/\.md$/, ''))}`;
      placed.push({ url: page.url, anchor, contents: page.contents });
    }
  }
  return placed;
}

/** Lowercase letters, digits and single dashes. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Whether an href names a scheme (`https:`, `mailto:`), i.e. points outside the repository. */
function isExternal(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href);
}

/**
 * Rewrites one page's anchors and links for the single file: every `<a id>` gets the page's
 * prefix, links to a page (and an anchor in it) become in-file anchors, other relative links are
 * reduced to their text.
 */
function rewritePage(page: PlacedPage, anchorByUrl: ReadonlyMap<string, string>): string {
  const pageDir = path.posix.dirname(page.url);
  const target = (href: string): string | undefined => {
    if (isExternal(href)) return href;
    // typedoc.json maps symbols of other packages to `#`: they are not documented here.
    if (href === '#') return undefined;
    const hashAt = href.indexOf('#');
    const file = hashAt < 0 ? href : href.slice(0, hashAt);
    const hash = hashAt < 0 ? '' : href.slice(hashAt + 1);
    const prefix =
      file === ''
        ? page.anchor
        : anchorByUrl.get(path.posix.normalize(path.posix.join(pageDir, file)));
    if (prefix === undefined) return undefined;
    return hash === '' ? `#${prefix}` : `#${prefix}.${hash}`;
  };
  return page.contents
    .replace(/<a id="([^"]+)"><\/a>/g, (_m, id: string) => `<a id="${page.anchor}.${id}"></a>`)
    .replace(/\[([^[\]]*)\]\(([^()\s]*)\)/g, (_m, text: string, href: string) => {
      const to = target(href);
      return to === undefined ? text : `[${text}](${to})`;
    })
    .replace(/href="([^"]*)"/g, (m, href: string) => {
      const to = target(href);
      return to === undefined ? m : `href="${to}"`;
    });
}

/** Reduces in-file links whose anchor does not exist to their text, and says which. */
function dropDanglingLinks(markdown: string): string {
  const ids = new Set<string>();
  for (const match of markdown.matchAll(/<a id="([^"]+)"><\/a>/g)) ids.add(match[1]!);
  const dangling = new Set<string>();
  const result = markdown.replace(
    /\[([^[\]]*)\]\(#([^()\s]*)\)/g,
    (m, text: string, id: string) => {
      if (ids.has(id)) return m;
      dangling.add(id);
      return text;
    },
  );
  if (dangling.size > 0) {
    process.stderr.write(
      `generate-api-docs: dropped links to missing anchors: ${[...dangling].sort().join(', ')}\n`,
    );
  }
  return result;
}

/** The first paragraph of a module's doc comment, on one line. */
function summaryOf(module: DeclarationReflection | undefined): string {
  const parts = module?.comment?.summary ?? [];
  const text = parts.map((p) => p.text).join('');
  const first = text.split(/\n\s*\n/)[0] ?? '';
  return first.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim().replace(/:$/, '.');
}

/** Assembles `API.md` from the rendered pages. */
function assemble(pages: readonly RenderedPage[]): string {
  const placed = placePages(pages);
  const anchorByUrl = new Map(placed.map((p) => [p.url, p.anchor] as const));
  const moduleBySpecifier = new Map(
    pages
      .filter((p) => p.model && p.model === moduleOf(p.model))
      .map((p) => [p.model!.name, p.model]),
  );

  const head = [
    '# velero-iac API reference',
    '',
    '<!-- Generated from the doc comments in lib/ by scripts/generate-api-docs.ts (`npm run docs`). Do not edit by hand. -->',
    '',
    'Every symbol exported by the package entry points. The Pulumi and cdk8s entry points need their',
    'framework installed (optional peer dependencies; the README says which); `velero-iac` itself',
    'loads neither.',
    '',
    GETTING_STARTED,
    '| Entry point | Contents |',
    '| --- | --- |',
    ...ENTRY_POINTS.map(
      (e) =>
        `| [\`${e.specifier}\`](#${e.anchor}) | ${summaryOf(moduleBySpecifier.get(e.specifier)) || '-'} |`,
    ),
    '',
  ].join('\n');

  const sections = placed.map(
    (page) => `<a id="${page.anchor}"></a>\n\n${rewritePage(page, anchorByUrl).trim()}\n`,
  );
  const joined = [head, ...sections].join('\n***\n\n');
  assertGettingStartedLinks(joined);
  const text = dropDanglingLinks(joined)
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n');
  return `${text.trim()}\n`;
}

/** Fails when a link of the getting-started points at no anchor of the file. */
function assertGettingStartedLinks(markdown: string): void {
  const ids = new Set([...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  const missing = [...GETTING_STARTED.matchAll(/\]\(#([^()\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((id) => !ids.has(id));
  if (missing.length > 0) {
    throw new Error(`The getting-started links to missing anchors: ${missing.join(', ')}.`);
  }
}

/** Fails when the text mentions a machine-specific absolute path. */
function assertNoAbsolutePaths(text: string): void {
  for (const dir of [REPO_ROOT, os.tmpdir(), os.homedir()]) {
    if (dir.length > 1 && text.includes(dir)) {
      throw new Error(`The generated API reference contains the absolute path ${dir}.`);
    }
  }
}

/** The line number (1-based) of the first difference between two texts. */
function firstDifferentLine(a: string, b: string): number {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return i + 1;
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const unknownArgs = argv.filter((a) => a !== '--check');
  if (unknownArgs.length > 0) {
    process.stderr.write(
      `generate-api-docs: unknown argument(s) ${unknownArgs.join(' ')}; the only option is --check\n`,
    );
    return 2;
  }
  const check = argv.includes('--check');
  process.chdir(REPO_ROOT);
  pinSortLocale();

  const generated = assemble(await renderPages());
  assertNoAbsolutePaths(generated);

  const file = path.join(REPO_ROOT, API_FILE);
  if (check) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (committed === generated) {
      process.stdout.write(`${API_FILE} is up to date.\n`);
      return 0;
    }
    const where =
      committed === undefined
        ? 'it does not exist'
        : `first difference at line ${firstDifferentLine(committed, generated)}`;
    process.stderr.write(
      `${API_FILE} is stale (${where}): the doc comments in lib/ changed. ` +
        'Run `npm run docs` and commit API.md.\n',
    );
    return 1;
  }
  fs.writeFileSync(file, generated);
  process.stdout.write(`Wrote ${API_FILE} (${generated.split('\n').length - 1} lines).\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `generate-api-docs: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
