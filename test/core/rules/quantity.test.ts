import fc from 'fast-check';
import {
  checkCapacityRange,
  parseCapacityRange,
  parseQuantity,
} from '../../../lib/core/rules/quantity';

const CAPACITY = 'volumePolicies[0].conditions.capacity';

describe('parseQuantity', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['1024', 1024],
    ['1Ki', 1024],
    ['10Mi', 10 * 2 ** 20],
    ['10Gi', 10 * 2 ** 30],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['2Ti', 2 * 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    ['1k', 1e3],
    ['500M', 5e8],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['250m', 0.25],
    ['1e3', 1000],
    ['1E3', 1000],
    ['5e-1', 0.5],
    ['.5', 0.5],
    ['1.', 1],
    ['+1Gi', 2 ** 30],
    ['-1k', -1000],
  ])('parses %j', (text, bytes) => {
    expect(parseQuantity(text)).toBeCloseTo(bytes, 6);
  });

  it.each(['', ' 1Gi', '1Gi ', '1gi', '1K', '1GB', 'Gi', '1e', '1.2.3', '1e999', 'ten', '0x10'])(
    'rejects %j',
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );
});

describe('checkCapacityRange', () => {
  it.each(['10Gi,100Gi', ',5Gi', '5Gi,', ',', '', '1Gi,1Gi', ' 1Gi , 2Gi ', '0,1Ti', '500M,1G'])(
    'accepts %j',
    (value) => {
      expect(checkCapacityRange(value, CAPACITY)).toEqual([]);
    },
  );

  it('parses ranges into bytes', () => {
    expect(parseCapacityRange('10Gi,100Gi')).toEqual({ min: 10 * 2 ** 30, max: 100 * 2 ** 30 });
    expect(parseCapacityRange(',5Gi')).toEqual({ min: 0, max: 5 * 2 ** 30 });
    expect(parseCapacityRange('5Gi,')).toEqual({ min: 5 * 2 ** 30 });
    expect(parseCapacityRange('')).toEqual({ min: 0 });
    expect(parseCapacityRange('5Gi')).toBeUndefined();
  });

  it('rejects a single size and suggests the open forms', () => {
    const issues = checkCapacityRange('5Gi', CAPACITY);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(CAPACITY);
    expect(issues[0]?.message).toContain('a single size is not a range');
    expect(issues[0]?.message).toContain('"5Gi,"');
    expect(issues[0]?.message).toContain('",5Gi"');
  });

  it('rejects more than one comma', () => {
    expect(checkCapacityRange('1Gi,2Gi,3Gi', CAPACITY)[0]?.message).toContain('2 commas');
  });

  it('rejects low greater than high', () => {
    const [first] = checkCapacityRange('100Gi,10Gi', CAPACITY);
    expect(first?.path).toBe(CAPACITY);
    expect(first?.message).toContain('low bound "100Gi" greater than its high bound "10Gi"');
  });

  it('rejects invalid quantities on either side', () => {
    const [first] = checkCapacityRange('10GB,1Tb', CAPACITY);
    expect(first?.message).toContain('low bound "10GB"');
    expect(first?.message).toContain('high bound "1Tb"');
    expect(first?.message).toContain('Kubernetes quantity');
  });

  it('rejects negative bounds and an explicit 0 upper bound', () => {
    expect(checkCapacityRange('-1Gi,1Gi', CAPACITY)[0]?.message).toContain('negative');
    expect(checkCapacityRange('5Gi,0', CAPACITY)[0]?.message).toContain('write "5Gi,"');
  });

  it('rejects non-strings', () => {
    const [first] = checkCapacityRange(10, CAPACITY);
    expect(first?.path).toBe(CAPACITY);
    expect(first?.message).toContain('must be a string');
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(Array.isArray(checkCapacityRange(value, 'p'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with parseCapacityRange on random ranges', () => {
    const size = fc.tuple(
      fc.integer({ min: 0, max: 5000 }),
      fc.constantFrom('', 'Ki', 'Mi', 'Gi', 'Ti', 'k', 'M', 'G'),
    );
    const side = fc.oneof(
      fc.constant(''),
      size.map(([n, s]) => `${n}${s}`),
    );
    fc.assert(
      fc.property(side, side, (lo, hi) => {
        const text = `${lo},${hi}`;
        const range = parseCapacityRange(text);
        const issues = checkCapacityRange(text, 'p');
        expect(issues.length === 0).toBe(range !== undefined);
        if (range !== undefined && range.max !== undefined) {
          expect(range.min).toBeLessThanOrEqual(range.max);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
