import fc from 'fast-check';
import {
  checkIncludesExcludes,
  checkScopedIncludesExcludes,
  describeNamespacePatternProblems,
} from '../../../lib/core/rules/namespaceFilters';

const NS = { includes: 'spec.includedNamespaces', excludes: 'spec.excludedNamespaces' };
const RES = { includes: 'spec.includedResources', excludes: 'spec.excludedResources' };
const CLUSTER = {
  includes: 'spec.includedClusterScopedResources',
  excludes: 'spec.excludedClusterScopedResources',
};
const namespaces = { kind: 'namespaces' } as const;
const resources = { kind: 'resources' } as const;

describe('checkIncludesExcludes', () => {
  it('accepts the usual lists', () => {
    expect(checkIncludesExcludes(['*'], ['kube-system'], NS, namespaces)).toEqual([]);
    expect(checkIncludesExcludes(['monitoring', 'tempo'], [], NS, namespaces)).toEqual([]);
    expect(checkIncludesExcludes(undefined, null, NS, namespaces)).toEqual([]);
    expect(checkIncludesExcludes(['a', 'a'], [], NS, namespaces)).toEqual([]);
    expect(checkIncludesExcludes(['deployments.apps', 'pvc'], ['secrets'], RES, resources)).toEqual(
      [],
    );
  });

  it('rejects "*" together with other includes', () => {
    const issues = checkIncludesExcludes(['*', 'tempo'], [], NS, namespaces);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('spec.includedNamespaces');
    expect(issues[0]?.message).toContain('"*" together with other entries');
    expect(issues[0]?.message).toContain('only entry');
  });

  it('rejects "*" in excludes', () => {
    const issues = checkIncludesExcludes([], ['secrets', '*'], RES, resources);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('spec.excludedResources[1]');
    expect(issues[0]?.message).toContain('"*" is not allowed in spec.excludedResources');
    expect(issues[0]?.message).toContain('FailedValidation');
  });

  it('reports each item that is in both lists', () => {
    const issues = checkIncludesExcludes(['a', 'b', 'c'], ['b', 'x', 'c'], NS, namespaces);
    expect(issues.map((i) => i.path)).toEqual([
      'spec.excludedNamespaces[0]',
      'spec.excludedNamespaces[2]',
    ]);
    expect(issues[0]?.message).toContain(
      '"b" is in both spec.includedNamespaces and spec.excludedNamespaces',
    );
    expect(issues[0]?.message).toContain('rejects');
    expect(issues[0]?.message).toContain('FailedValidation');
  });

  it('matches overlaps exactly, not as globs', () => {
    expect(checkIncludesExcludes(['team-*'], ['team-a'], NS, namespaces)).toEqual([]);
  });

  it('reports lists that are not lists of strings', () => {
    const issues = checkIncludesExcludes('tempo', ['ok', 7], NS, namespaces);
    expect(issues.map((i) => i.path)).toEqual([
      'spec.includedNamespaces',
      'spec.excludedNamespaces[1]',
    ]);
    expect(issues[0]?.message).toContain('must be a list of strings');
    expect(issues[1]?.message).toContain('must be a string');
  });

  it.each(['', 'team-*', 'ns-?', 'app-[abc]', 'app-[a-z]', '*-prod', 'a'.repeat(63)])(
    'accepts the namespace pattern %j',
    (pattern) => {
      expect(checkIncludesExcludes([pattern], [], NS, namespaces)).toEqual([]);
    },
  );

  it.each([
    ['team-{a,b}', "which Velero's wildcards do not support"],
    ['a|b', '"|"'],
    ['(a)', '"("'],
    ['!a', '"!"'],
    ['a**', '"**"'],
    ['a[]', 'empty "[]"'],
    ['a[b', 'never closed'],
    ['a]b', 'without a matching "["'],
    ['a[[b]]', 'nests'],
    ['Team-*', 'uppercase'],
    ['team.a', '"."'],
    ['-team', 'starts with "-"'],
    ['a'.repeat(64), 'at most 63'],
  ])('rejects the namespace pattern %j', (pattern, words) => {
    const issues = checkIncludesExcludes([], ['ok', pattern], NS, namespaces);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('spec.excludedNamespaces[1]');
    expect(issues[0]?.message).toContain('not a valid namespace name or pattern');
    expect(issues[0]?.message).toContain(words);
  });

  it('suggests a fixed pattern', () => {
    const [first] = checkIncludesExcludes(['Team_*'], [], NS, namespaces);
    expect(first?.path).toBe('spec.includedNamespaces[0]');
    expect(first?.message).toContain('For example "team-*"');
  });

  it('does not apply namespace rules to resources', () => {
    expect(checkIncludesExcludes(['Pods.Apps'], ['x{y}'], RES, resources)).toEqual([]);
  });
});

describe('checkScopedIncludesExcludes', () => {
  it('accepts the usual lists', () => {
    expect(checkScopedIncludesExcludes(['*'], [], CLUSTER)).toEqual([]);
    expect(checkScopedIncludesExcludes([], ['*'], CLUSTER)).toEqual([]);
    expect(checkScopedIncludesExcludes(['crd', 'pv'], ['storageclasses'], CLUSTER)).toEqual([]);
    expect(checkScopedIncludesExcludes(undefined, undefined, CLUSTER)).toEqual([]);
  });

  it('requires "*" to be the only entry of either list', () => {
    const issues = checkScopedIncludesExcludes(['*', 'pv'], ['*', 'crd'], CLUSTER);
    expect(issues.map((i) => i.path)).toEqual([
      'spec.includedClusterScopedResources',
      'spec.excludedClusterScopedResources',
    ]);
    expect(issues[0]?.message).toContain('only entry');
    expect(issues[1]?.message).toContain('only entry');
  });

  it('requires empty includes when excludes is "*"', () => {
    const issues = checkScopedIncludesExcludes(['pv'], ['*'], CLUSTER);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('spec.includedClusterScopedResources');
    expect(issues[0]?.message).toContain(
      'must be empty when spec.excludedClusterScopedResources is ["*"]',
    );
  });

  it('reports overlap once per item', () => {
    const issues = checkScopedIncludesExcludes(['pv', 'crd'], ['crd'], CLUSTER);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('spec.excludedClusterScopedResources[0]');
    expect(issues[0]?.message).toContain('"crd" is in both');
  });

  it('reports non-lists and non-string items', () => {
    const issues = checkScopedIncludesExcludes({ a: 1 }, [null], CLUSTER);
    expect(issues.map((i) => i.path)).toEqual([
      'spec.includedClusterScopedResources',
      'spec.excludedClusterScopedResources[0]',
    ]);
  });
});

describe('robustness', () => {
  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        expect(Array.isArray(checkIncludesExcludes(a, b, NS, namespaces))).toBe(true);
        expect(Array.isArray(checkIncludesExcludes(a, b, RES, resources))).toBe(true);
        expect(Array.isArray(checkScopedIncludesExcludes(a, b, CLUSTER))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary string lists, and every issue points into the lists', () => {
    const list = fc.array(fc.oneof(fc.string(), fc.constantFrom('*', 'a', '[', ']', '**')), {
      maxLength: 5,
    });
    fc.assert(
      fc.property(list, list, (inc, exc) => {
        for (const found of checkIncludesExcludes(inc, exc, NS, namespaces)) {
          expect(found.path.startsWith('spec.')).toBe(true);
        }
        for (const pattern of [...inc, ...exc]) {
          expect(Array.isArray(describeNamespacePatternProblems(pattern))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
