import type { KeyspaceCore } from '../backend/cache/core';
import { globMatch } from '../backend/cache/glob';
import { encodeBytes } from '../backend/cache/bytes';
import { parseInt64 } from './int64';
import { isEvictionPolicy, evictionPolicies } from '../backend/cache/policy';
import { OK, array, bulk, error, errors, status, type Reply } from './reply';

/**
 * The CONFIG parameters the keyspace knows. maxmemory-eviction-tenacity and maxmemory-clients are
 * accepted and reported (so `CONFIG GET maxmemory*` answers as Redis does) but change nothing:
 * eviction here always runs to completion and there are no client buffers to bound.
 */
interface Parameter {
  name: string;
  get(ks: KeyspaceCore, settings: Settings): string;
  /** Validates a value; returns the apply step or the reason Redis gives for refusing it. */
  parse(value: string): ((ks: KeyspaceCore, settings: Settings) => void) | string;
}

interface Settings {
  tenacity: number;
  clients: string;
}

const settingsByKeyspace = new WeakMap<KeyspaceCore, Settings>();

function settingsOf(ks: KeyspaceCore): Settings {
  let settings = settingsByKeyspace.get(ks);
  if (settings === undefined) {
    settings = { tenacity: 10, clients: '0' };
    settingsByKeyspace.set(ks, settings);
  }
  return settings;
}

const MEMORY_UNITS: Record<string, bigint> = {
  '': 1n,
  b: 1n,
  k: 1000n,
  kb: 1024n,
  m: 1000n * 1000n,
  mb: 1024n * 1024n,
  g: 1000n * 1000n * 1000n,
  gb: 1024n * 1024n * 1024n,
};

/** Redis memtoull: digits followed by an optional unit (k, kb, m, mb, g, gb, b), no sign. */
export function parseMemory(text: string): number | null {
  const match = /^(\d*)([a-zA-Z]*)$/.exec(text);
  const unit = match === null ? undefined : MEMORY_UNITS[(match[2] as string).toLowerCase()];
  if (match === null || unit === undefined) return null;
  const digits = match[1] as string;
  const value = (digits === '' ? 0n : BigInt(digits)) * unit;
  return value > 2n ** 64n - 1n ? null : Number(value);
}

function integerParameter(
  name: string,
  min: number,
  max: number,
  read: (ks: KeyspaceCore, settings: Settings) => number,
  write: (ks: KeyspaceCore, settings: Settings, value: number) => void,
): Parameter {
  return {
    name,
    get: (ks, settings) => String(read(ks, settings)),
    parse: (value) => {
      const n = parseInt64(value);
      if (n === null) return "argument couldn't be parsed into an integer";
      if (n < BigInt(min) || n > BigInt(max)) return `argument must be between ${min} and ${max} inclusive`;
      return (ks, settings) => write(ks, settings, Number(n));
    },
  };
}

const parameters: Parameter[] = [
  integerParameter(
    'maxmemory-samples',
    1,
    2147483647,
    (ks) => ks.maxmemorySamples,
    (ks, _s, v) => {
      ks.maxmemorySamples = v;
    },
  ),
  integerParameter(
    'maxmemory-eviction-tenacity',
    0,
    100,
    (_ks, s) => s.tenacity,
    (_ks, s, v) => {
      s.tenacity = v;
    },
  ),
  {
    name: 'maxmemory',
    get: (ks) => String(ks.maxmemory),
    parse: (value) => {
      const bytes = parseMemory(value);
      if (bytes === null) return 'argument must be a memory value';
      return (ks) => ks.configure({ maxmemory: bytes });
    },
  },
  {
    name: 'maxmemory-policy',
    get: (ks) => ks.maxmemoryPolicy,
    parse: (value) => {
      const policy = value.toLowerCase();
      if (!isEvictionPolicy(policy)) {
        return `argument(s) must be one of the following: ${evictionPolicies.join(', ')}`;
      }
      return (ks) => ks.configure({ maxmemoryPolicy: policy });
    },
  },
  {
    name: 'maxmemory-clients',
    get: (_ks, s) => s.clients,
    parse: (value) => {
      const percent = /^(\d+)%$/.exec(value);
      if (percent !== null) {
        const n = Number(percent[1]);
        if (n > 100) return 'argument must be between 0 and 100 inclusive';
        return (_ks, s) => {
          s.clients = `${n}%`;
        };
      }
      const bytes = parseMemory(value);
      if (bytes === null) return 'argument must be a memory value';
      return (_ks, s) => {
        s.clients = String(bytes);
      };
    },
  },
];

function findParameter(name: string): Parameter | undefined {
  const lower = name.toLowerCase();
  return parameters.find((p) => p.name === lower);
}

function configGet(ks: KeyspaceCore, patterns: readonly string[]): Reply {
  const settings = settingsOf(ks);
  const found = new Map<Parameter, string>();
  for (const pattern of patterns) {
    if (!/[*?[]/.test(pattern)) {
      // An exact name is answered under the spelling it was asked with, as Redis 7.0 does.
      const parameter = findParameter(pattern);
      if (parameter !== undefined && !found.has(parameter)) found.set(parameter, pattern);
      continue;
    }
    const bytes = encodeBytes(pattern);
    for (const parameter of parameters) {
      if (!found.has(parameter) && globMatch(bytes, encodeBytes(parameter.name), true)) {
        found.set(parameter, parameter.name);
      }
    }
  }
  const out: Reply[] = [];
  for (const [parameter, name] of found) out.push(bulk(name), bulk(parameter.get(ks, settings)));
  return array(out);
}

function configSet(ks: KeyspaceCore, args: readonly string[]): Reply {
  if ((args.length - 2) % 2 !== 0) return error(errors.syntax);
  const chosen: Parameter[] = [];
  for (let i = 2; i < args.length; i += 2) {
    const name = args[i] as string;
    const parameter = findParameter(name);
    if (parameter === undefined) {
      return error(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);
    }
    if (chosen.includes(parameter)) return error(setFailed(parameter.name, 'duplicate parameter'));
    chosen.push(parameter);
  }
  const steps: ((ks: KeyspaceCore, settings: Settings) => void)[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const parameter = chosen[i] as Parameter;
    const step = parameter.parse(args[3 + i * 2] as string);
    if (typeof step === 'string') return error(setFailed(parameter.name, step));
    steps.push(step);
  }
  const settings = settingsOf(ks);
  for (const step of steps) step(ks, settings);
  return OK;
}

function setFailed(name: string, reason: string): string {
  return `ERR CONFIG SET failed (possibly related to argument '${name}') - ${reason}`;
}

const HELP = [
  'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
  'HELP',
  '    Prints this help.',
];

/** CONFIG is a container command: each subcommand has its own arity, named `config|sub`. */
const subcommands = new Map<
  string,
  { arity: number; run: (ks: KeyspaceCore, args: readonly string[]) => Reply }
>(
  Object.entries({
    get: { arity: -3, run: (ks, args) => configGet(ks, args.slice(2)) },
    set: { arity: -4, run: configSet },
    resetstat: {
      arity: 2,
      run: (ks) => {
        ks.resetStats();
        return OK;
      },
    },
    rewrite: { arity: 2, run: () => error('ERR The server is running without a config file') },
    help: { arity: 2, run: () => array(HELP.map(status)) },
  }),
);

export function config(ks: KeyspaceCore, args: readonly string[]): Reply {
  const name = args[1] as string;
  const sub = subcommands.get(name.toLowerCase());
  if (sub === undefined) return error(`ERR unknown subcommand '${name.slice(0, 128)}'. Try CONFIG HELP.`);
  const ok = sub.arity > 0 ? args.length === sub.arity : args.length >= -sub.arity;
  if (!ok) return error(errors.arity(`config|${name.toLowerCase()}`));
  return sub.run(ks, args);
}
