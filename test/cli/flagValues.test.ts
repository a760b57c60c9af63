import { CliError, EXIT_USAGE } from '../../lib/cli/cliError';
import { normalizeBooleanFlags } from '../../lib/cli/velero/argv';
import {
  parseBool,
  parseDuration,
  parseInteger,
  parseList,
  parseMap,
  parseOrderedResources,
} from '../../lib/cli/velero/flagValues';

describe('velero flag values', () => {
  it('reads booleans as Go strconv.ParseBool does; empty is unset', () => {
    for (const yes of ['true', 'True', 'TRUE', 't', 'T', '1'])
      expect(parseBool(yes, '--x')).toBe(true);
    for (const no of ['false', 'False', 'FALSE', 'f', 'F', '0'])
      expect(parseBool(no, '--x')).toBe(false);
    expect(parseBool('', '--x')).toBeUndefined();
    expect(parseBool(undefined, '--x')).toBeUndefined();
    expect(() => parseBool('yes', '--x')).toThrow('invalid argument "yes" for "--x" flag');
  });

  it('splits lists on commas without trimming, as velero does', () => {
    expect(parseList('a, b')).toEqual(['a', ' b']);
    expect(parseList(undefined)).toBeUndefined();
  });

  it('accumulates map flags; a later key wins', () => {
    expect(parseMap(['a=1,b=2', 'a=3'], '--labels')).toEqual({ a: '3', b: '2' });
    expect(parseMap(['k=v=w'], '--labels')).toEqual({ k: 'v=w' });
    expect(parseMap(['src:dst'], '--namespace-mappings', ':')).toEqual({ src: 'dst' });
    expect(() => parseMap(['a=1,b'], '--labels')).toThrow('error parsing "b"');
  });

  it('normalises durations and drops zero', () => {
    expect(parseDuration('24h', '--ttl')).toBe('24h0m0s');
    expect(parseDuration('1500ms', '--ttl')).toBe('1.5s');
    expect(parseDuration('0', '--ttl')).toBeUndefined();
    expect(parseDuration('0h0m', '--ttl')).toBeUndefined();
    expect(() => parseDuration('2w', '--ttl')).toThrow('336h0m0s');
  });

  it('reads integers and ordered resources', () => {
    expect(parseInteger('-3', '--n')).toBe(-3);
    expect(() => parseInteger('1.5', '--n')).toThrow('"--n" flag');
    expect(parseOrderedResources(' pods = a/b ;pv=x', '--ordered-resources')).toEqual({
      pods: 'a/b',
      pv: 'x',
    });
    expect(parseOrderedResources('', '--ordered-resources')).toBeUndefined();
    expect(() => parseOrderedResources('pods=a=b', '--ordered-resources')).toThrow('invalid entry');
  });
});

describe('normalizeBooleanFlags', () => {
  const bare = new Set(['--snapshot-volumes', '-w']);
  it('turns bare boolean flags into explicit true, pflag style', () => {
    expect(normalizeBooleanFlags(['create', 'x', '--snapshot-volumes', 'y'], bare)).toEqual([
      'create',
      'x',
      '--snapshot-volumes=true',
      'y',
    ]);
    expect(normalizeBooleanFlags(['-w', 'x'], bare)).toEqual(['-w', 'true', 'x']);
  });

  it('refuses a boolean word as a separate argument, naming the --flag=value to write', () => {
    const words = ['true', 'false', 'True', 'FALSE', 't', 'f', '1', '0'];
    for (const word of words) {
      for (const flag of ['--snapshot-volumes', '-w', '--skip-immediately']) {
        let caught: unknown;
        try {
          normalizeBooleanFlags(['create', 'x', flag, word], bare, new Set(['--skip-immediately']));
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(CliError);
        expect((caught as CliError).exitCode).toBe(EXIT_USAGE);
        expect((caught as CliError).message).toContain(`write ${flag}=${word}`);
      }
    }
    // After --, words are arguments.
    expect(normalizeBooleanFlags(['--', '--snapshot-volumes', 'false'], bare)).toEqual([
      '--',
      '--snapshot-volumes',
      'false',
    ]);
  });

  it('leaves explicit values, unknown flags and everything after -- alone', () => {
    expect(
      normalizeBooleanFlags(
        ['--snapshot-volumes=false', '--other', '--', '--snapshot-volumes'],
        bare,
      ),
    ).toEqual(['--snapshot-volumes=false', '--other', '--', '--snapshot-volumes']);
  });

  it('reads -x=value as -x value and unsets bare flags that have no bare form', () => {
    expect(
      normalizeBooleanFlags(
        ['-l=app=web', '--skip-immediately'],
        bare,
        new Set(['--skip-immediately']),
      ),
    ).toEqual(['-l', 'app=web', '--skip-immediately=']);
  });
});
