import fc from 'fast-check';
import {
  checkAnnotations,
  checkLabelKey,
  checkLabelSelector,
  checkLabels,
  checkLabelValue,
  MAX_ANNOTATIONS_TOTAL_BYTES,
  parseLabelSelectorString,
  parseOrLabelSelectorsString,
  utf8ByteLength,
} from '../../../lib/core/rules/labels';

const LABELS = 'metadata.labels';

describe('checkLabelKey', () => {
  it.each([
    'app',
    'app.kubernetes.io/name',
    'velero.io/schedule-name',
    'A_b.C-9',
    `${'a'.repeat(253)}/${'n'.repeat(63)}`,
  ])('accepts %j', (key) => {
    expect(checkLabelKey(key, 'k')).toEqual([]);
  });

  it('rejects an invalid prefix and suggests a lowercase one', () => {
    const issues = checkLabelKey('Example.COM/app', 'k');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('k');
    expect(issues[0]?.message).toContain('prefix "Example.COM"');
    expect(issues[0]?.message).toContain('uppercase');
    expect(issues[0]?.message).toContain('For example "example.com/app"');
  });

  it('rejects a name with bad characters or edges', () => {
    const [first] = checkLabelKey('example.com/-my app', 'k');
    expect(first?.message).toContain('name "-my app"');
    expect(first?.message).toContain('" "');
    expect(first?.message).toContain('starts with "-"');
    expect(first?.message).toContain('For example "example.com/my-app"');
  });

  it('rejects more than one "/", an empty prefix and an empty name', () => {
    expect(checkLabelKey('a/b/c', 'k')[0]?.message).toContain('more than one "/"');
    expect(checkLabelKey('/app', 'k')[0]?.message).toContain('empty prefix');
    expect(checkLabelKey('example.com/', 'k')[0]?.message).toContain('empty name');
    expect(checkLabelKey('', 'k')[0]?.message).toContain('empty');
  });

  it('rejects a name over 63 and a prefix over 253 characters', () => {
    expect(checkLabelKey('n'.repeat(64), 'k')[0]?.message).toContain('at most 63');
    expect(checkLabelKey(`${'a'.repeat(254)}/n`, 'k')[0]?.message).toContain('at most 253');
  });
});

describe('checkLabelValue', () => {
  it.each(['', 'prod', 'v1.2_3-x', 'v'.repeat(63)])('accepts %j', (value) => {
    expect(checkLabelValue(value, 'v')).toEqual([]);
  });

  it('rejects bad characters with a suggestion', () => {
    const [first] = checkLabelValue('team a', 'v');
    expect(first?.path).toBe('v');
    expect(first?.message).toContain('Label value "team a"');
    expect(first?.message).toContain('For example "team-a"');
  });

  it('rejects values over 63 characters', () => {
    const [first] = checkLabelValue('v'.repeat(64), 'v');
    expect(first?.message).toContain('64 characters');
    expect(first?.message).toContain('at most 63');
  });

  it('asks to quote numbers and booleans', () => {
    const [first] = checkLabelValue(3, 'v');
    expect(first?.message).toContain('must be a string');
    expect(first?.message).toContain('Quote it');
  });
});

describe('checkLabels', () => {
  it('accepts a map of valid labels', () => {
    expect(
      checkLabels({ app: 'web', 'app.kubernetes.io/part-of': 'uds', empty: '' }, LABELS),
    ).toEqual([]);
  });

  it('reports each bad entry at its own path', () => {
    const issues = checkLabels({ 'Bad Key': 'ok', good: 'bad value', n: 1 }, LABELS);
    expect(issues.map((i) => i.path)).toEqual([
      'metadata.labels["Bad Key"]',
      'metadata.labels.good',
      'metadata.labels.n',
    ]);
    expect(issues[0]?.message).toContain('Label key');
    expect(issues[1]?.message).toContain('Label value');
    expect(issues[2]?.message).toContain('must be a string');
  });

  it.each([[['a']], ['labels'], [null], [new Map([['a', 'b']])]])('rejects %p', (value) => {
    const [first] = checkLabels(value, LABELS);
    expect(first?.path).toBe(LABELS);
    expect(first?.message).toContain('map of string keys to string values');
  });
});

describe('checkAnnotations', () => {
  it('accepts any string values', () => {
    expect(
      checkAnnotations({ 'velero.io/note': 'any text: with spaces / and symbols!' }, 'a'),
    ).toEqual([]);
  });

  it('checks keys like label keys and values as strings', () => {
    const issues = checkAnnotations({ 'Bad Key': 'x', ok: true }, 'metadata.annotations');
    expect(issues.map((i) => i.path)).toEqual([
      'metadata.annotations["Bad Key"]',
      'metadata.annotations.ok',
    ]);
    expect(issues[1]?.message).toContain('Annotation value must be a string');
  });

  it('limits keys and values together to 256 KiB', () => {
    const atLimit = { k: 'x'.repeat(MAX_ANNOTATIONS_TOTAL_BYTES - 1) };
    expect(checkAnnotations(atLimit, 'a')).toEqual([]);
    const over = { k: 'x'.repeat(MAX_ANNOTATIONS_TOTAL_BYTES) };
    const issues = checkAnnotations(over, 'metadata.annotations');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('metadata.annotations');
    expect(issues[0]?.message).toContain('256 KiB');
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8ByteLength('aé€😀')).toBe(1 + 2 + 3 + 4);
  });
});

describe('checkLabelSelector', () => {
  const PATH = 'spec.labelSelector';

  it('accepts matchLabels and every operator', () => {
    expect(
      checkLabelSelector(
        {
          matchLabels: { app: 'web' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['db', 'cache'] },
            { key: 'env', operator: 'NotIn', values: ['dev'] },
            { key: 'managed', operator: 'Exists' },
            { key: 'legacy', operator: 'DoesNotExist', values: [] },
          ],
        },
        PATH,
      ),
    ).toEqual([]);
    expect(checkLabelSelector({}, PATH)).toEqual([]);
  });

  it('reports unknown fields with a case suggestion', () => {
    const [first] = checkLabelSelector({ matchlabels: { a: 'b' } }, PATH);
    expect(first?.path).toBe('spec.labelSelector.matchlabels');
    expect(first?.message).toContain('Unknown field');
    expect(first?.message).toContain('Did you mean "matchLabels"');
  });

  it('validates matchLabels as labels', () => {
    const [first] = checkLabelSelector({ matchLabels: { app: 'a b' } }, PATH);
    expect(first?.path).toBe('spec.labelSelector.matchLabels.app');
    expect(first?.message).toContain('Label value');
  });

  it('requires values for In and NotIn', () => {
    const issues = checkLabelSelector(
      {
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'NotIn', values: [] },
        ],
      },
      PATH,
    );
    expect(issues.map((i) => i.path)).toEqual([
      'spec.labelSelector.matchExpressions[0].values',
      'spec.labelSelector.matchExpressions[1].values',
    ]);
    expect(issues[0]?.message).toContain('at least one value');
    expect(issues[1]?.message).toContain('NotIn');
  });

  it('forbids values for Exists and DoesNotExist', () => {
    const [first] = checkLabelSelector(
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      PATH,
    );
    expect(first?.path).toBe('spec.labelSelector.matchExpressions[0].values');
    expect(first?.message).toContain('must be empty');
    expect(first?.message).toContain('Exists');
  });

  it('reports bad operators, keys, values and unknown requirement fields', () => {
    const issues = checkLabelSelector(
      {
        matchExpressions: [
          { key: 'a', operator: 'in', values: ['x'] },
          { operator: 'Exists' },
          { key: 'Bad Key', operator: 'In', values: ['ok', 'not ok', 3] },
          { key: 'c', operator: 'Exists', value: 'x' },
          'a=b',
        ],
      },
      PATH,
    );
    const byPath = (p: string) => issues.filter((i) => i.path === `${PATH}.${p}`);
    expect(byPath('matchExpressions[0].operator')[0]?.message).toContain('Did you mean "In"');
    expect(byPath('matchExpressions[1].key')[0]?.message).toContain('required');
    expect(byPath('matchExpressions[2].key')[0]?.message).toContain('Label key');
    expect(byPath('matchExpressions[2].values[1]')[0]?.message).toContain('Label value');
    expect(byPath('matchExpressions[2].values[2]')[0]?.message).toContain('must be a string');
    expect(byPath('matchExpressions[3].value')[0]?.message).toContain('Unknown field "value"');
    expect(byPath('matchExpressions[4]')[0]?.message).toContain('must be an object');
  });

  it('rejects a selector that is not an object, and a matchExpressions that is not a list', () => {
    expect(checkLabelSelector('app=web', PATH)[0]?.path).toBe(PATH);
    const [first] = checkLabelSelector({ matchExpressions: { key: 'a' } }, PATH);
    expect(first?.path).toBe('spec.labelSelector.matchExpressions');
    expect(first?.message).toContain('must be a list');
  });
});

describe('parseLabelSelectorString', () => {
  it('parses every form of the -l syntax', () => {
    const { selector, issues } = parseLabelSelectorString(
      'a=b,c!=d,e in (y,x),f notin (z),g,!h,i==j',
    );
    expect(issues).toEqual([]);
    expect(selector).toEqual({
      matchLabels: { a: 'b', i: 'j' },
      matchExpressions: [
        { key: 'c', operator: 'NotIn', values: ['d'] },
        { key: 'e', operator: 'In', values: ['x', 'y'] },
        { key: 'f', operator: 'NotIn', values: ['z'] },
        { key: 'g', operator: 'Exists' },
        { key: 'h', operator: 'DoesNotExist' },
      ],
    });
  });

  it('accepts spaces, prefixed keys and empty values', () => {
    expect(parseLabelSelectorString(' app.kubernetes.io/name = web , tier= ').selector).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'web', tier: '' },
    });
    expect(parseLabelSelectorString('')).toEqual({ selector: {}, issues: [] });
  });

  it('produces selectors that pass checkLabelSelector', () => {
    const { selector } = parseLabelSelectorString('x in (a,b),!y,z');
    expect(checkLabelSelector(selector, 's')).toEqual([]);
  });

  it.each([
    ['a=b,,c', 'expected a label key'],
    ['a=b c', 'expected "," between requirements'],
    ['a in x', 'expected "(" to start the list of values'],
    ['a in (x,', 'expected a value'],
    ['a in (x y)', 'expected "," or ")"'],
    ['!', 'expected a label key after "!"'],
    ['a>1', '">" operator is not supported'],
    ['a in ()', 'needs at least one value'],
    ['a=1,a=2', 'equal both "1" and "2"'],
    ['Bad Key=x', 'expected an operator'],
    ['app=a b', 'expected "," between requirements'],
    ['a=-x', 'Label value "-x"'],
    ['-a', 'Label key "-a"'],
  ])('rejects %j', (text, words) => {
    const result = parseLabelSelectorString(text, '--selector');
    expect(result.selector).toBeUndefined();
    expect(result.issues.length).toBeGreaterThan(0);
    expect(result.issues[0]?.path).toBe('--selector');
    expect(result.issues.map((i) => i.message).join('\n')).toContain(words);
  });
});

describe('parseOrLabelSelectorsString', () => {
  it('splits on " or "', () => {
    expect(parseOrLabelSelectorsString('app=web or tier in (db)', '--or-selector')).toEqual({
      selectors: [
        { matchLabels: { app: 'web' } },
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] },
      ],
      issues: [],
    });
  });

  it('reports a bad or empty part at its index', () => {
    const result = parseOrLabelSelectorsString('app=web or a in () or ', '--or-selector');
    expect(result.selectors).toBeUndefined();
    expect(result.issues.map((i) => i.path)).toEqual(['--or-selector[1]', '--or-selector[2]']);
    expect(result.issues[1]?.message).toContain('empty');
  });
});

describe('robustness', () => {
  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(Array.isArray(checkLabels(value, 'p'))).toBe(true);
        expect(Array.isArray(checkAnnotations(value, 'p'))).toBe(true);
        expect(Array.isArray(checkLabelSelector(value, 'p'))).toBe(true);
        expect(Array.isArray(checkLabelKey(value, 'p'))).toBe(true);
        expect(Array.isArray(checkLabelValue(value, 'p'))).toBe(true);
        expect(Array.isArray(checkLabelSelector({ matchExpressions: [value] }, 'p'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('parses any string without throwing, and returns either a valid selector or issues', () => {
    const selectorish = fc.stringMatching(/^[a-z!=(), ]{0,30}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), selectorish), (text) => {
        const result = parseLabelSelectorString(text, 'p');
        if (result.selector === undefined) {
          expect(result.issues.length).toBeGreaterThan(0);
        } else {
          expect(result.issues).toEqual([]);
          expect(checkLabelSelector(result.selector, 'p')).toEqual([]);
        }
        expect(Array.isArray(parseOrLabelSelectorsString(text, 'p').issues)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
