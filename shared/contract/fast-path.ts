import type { z } from 'zod';

/**
 * A fast path in front of a zod schema, for the hot paths that parse the same shapes by the
 * hundred thousand (a first sync's feed pages): `compileCanonical(schema)` walks the schema's
 * definition once and builds a plain predicate that answers "zod accepts this value AND its output
 * is this very value": every key present, no key the schema would strip, no default to fill in.
 * `parseWithFastPath` returns such a value as it is, without the copy zod builds of it (the copy
 * was most of the cost, and of the garbage), and hands anything else to the schema: a value the
 * predicate refuses is parsed (or rejected, with zod's issues) exactly as before.
 *
 * Sound by construction rather than complete: a schema part it does not know (a refinement, a
 * transform, an optional key, a format other than a pattern, datetime, date or uuid, a union of objects)
 * compiles to "not canonical", which sends every value through zod. So the fast path can only
 * ever make a parse cheaper, never accept what zod refuses or return what zod would change;
 * tests/unit/contract/fast-path.test.ts holds both to that with generated pages.
 */
export type Canonical = (value: unknown) => boolean;

const NEVER: Canonical = () => false;

/** The parts of zod v4's internal definitions read here (zod/v4/core schemas.js, checks.js). */
interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly coerce?: boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
}
interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly when?: unknown;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** An object as JSON.parse makes them (zod copies any other object into one of these). */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** A string format whose zod check is exactly a test of its pattern ($ZodCheckStringFormat in zod/v4/core). */
const PATTERN_FORMATS = new Set(['regex', 'datetime', 'date', 'uuid', 'guid']);

const LENGTH_CHECKS = new Set(['min_length', 'max_length', 'length_equals']);

/** A pattern's test as zod runs it (a global pattern starts over at 0). */
const matches =
  (re: RegExp) =>
  (v: string | readonly unknown[]): boolean => {
    re.lastIndex = 0;
    return re.test(v as string);
  };

/** Length and pattern checks of a string or an array; null when one is of a kind not handled here. */
function lengthChecks(def: Def, kind: 'string' | 'array'): ((v: string | readonly unknown[]) => boolean)[] | null {
  const out: ((v: string | readonly unknown[]) => boolean)[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    // (zod gates length checks with a `when` that runs them on any value with a length: always here)
    if (d.when !== undefined && !LENGTH_CHECKS.has(d.check)) return null;
    if (d.check === 'min_length' && typeof d.minimum === 'number') {
      const min = d.minimum;
      out.push((v) => v.length >= min);
    } else if (d.check === 'max_length' && typeof d.maximum === 'number') {
      const max = d.maximum;
      out.push((v) => v.length <= max);
    } else if (d.check === 'length_equals' && typeof d.length === 'number') {
      const len = d.length;
      out.push((v) => v.length === len);
    } else if (kind === 'string' && d.check === 'string_format' && d.format !== undefined && PATTERN_FORMATS.has(d.format) && d.pattern instanceof RegExp) {
      out.push(matches(d.pattern));
    } else return null;
  }
  return out;
}

function numberChecks(def: Def): ((v: number) => boolean)[] | null {
  const out: ((v: number) => boolean)[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.when !== undefined) return null;
    if (d.check === 'number_format' && d.format === 'safeint') out.push((v) => Number.isSafeInteger(v));
    else if (d.check === 'greater_than' && typeof d.value === 'number') {
      const min = d.value;
      out.push(d.inclusive ? (v) => v >= min : (v) => v > min);
    } else if (d.check === 'less_than' && typeof d.value === 'number') {
      const max = d.value;
      out.push(d.inclusive ? (v) => v <= max : (v) => v < max);
    } else return null;
  }
  return out;
}

const all =
  <T>(checks: readonly ((v: T) => boolean)[]) =>
  (v: T): boolean => {
    for (const c of checks) if (!c(v)) return false;
    return true;
  };

/** A union member whose zod output is its input whenever zod accepts it (no keys to strip, no default). */
const PRIMITIVE = new Set(['string', 'number', 'boolean', 'null', 'enum', 'literal']);

const cache = new WeakMap<z.ZodType, Canonical>();

/** The predicate for `schema` (compiled once per schema object; see the module's comment). */
export function compileCanonical(schema: z.ZodType): Canonical {
  let fn = cache.get(schema);
  if (!fn) {
    fn = compile(schema);
    cache.set(schema, fn);
  }
  return fn;
}

function compile(schema: z.ZodType): Canonical {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      if (def.coerce) return NEVER;
      const checks = lengthChecks(def, 'string');
      if (!checks) return NEVER;
      // a format schema (z.iso.datetime()) is its own check: its pattern, and any checks after it
      if (def.format !== undefined) {
        if (!PATTERN_FORMATS.has(def.format) || !(def.pattern instanceof RegExp)) return NEVER;
        checks.unshift(matches(def.pattern));
      }
      const ok = all(checks);
      return (v) => typeof v === 'string' && ok(v);
    }
    case 'number': {
      if (def.coerce) return NEVER;
      const checks = numberChecks(def);
      if (!checks) return NEVER;
      const ok = all(checks);
      return (v) => typeof v === 'number' && Number.isFinite(v) && ok(v);
    }
    case 'boolean':
      return def.coerce || (def.checks?.length ?? 0) > 0 ? NEVER : (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'enum': {
      if ((def.checks?.length ?? 0) > 0 || !def.entries) return NEVER;
      const values = new Set<unknown>(Object.values(def.entries));
      return (v) => values.has(v);
    }
    case 'literal': {
      if ((def.checks?.length ?? 0) > 0 || !def.values) return NEVER;
      const values = new Set<unknown>(def.values);
      return (v) => values.has(v);
    }
    case 'nullable': {
      const inner = compileCanonical(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'default': {
      // a value that is there is parsed by the inner schema; an absent one would be filled in
      const inner = compileCanonical(def.innerType!);
      return (v) => v !== undefined && inner(v);
    }
    case 'array': {
      const checks = lengthChecks(def, 'array');
      if (!checks) return NEVER;
      const ok = all(checks);
      const element = compileCanonical(def.element!);
      return (v) => {
        if (!Array.isArray(v) || !ok(v)) return false;
        for (const e of v) if (!element(e)) return false;
        return true;
      };
    }
    case 'record': {
      if ((def.checks?.length ?? 0) > 0 || defOf(def.keyType!).type !== 'string') return NEVER;
      const key = compileCanonical(def.keyType!);
      const value = compileCanonical(def.valueType!);
      return (v) => {
        if (!isPlainObject(v)) return false;
        // zod's record writes each key into a fresh object, where "__proto__" does not survive
        for (const k in v) if (!Object.prototype.hasOwnProperty.call(v, k) || k === '__proto__' || !key(k) || !value(v[k])) return false;
        return true;
      };
    }
    case 'object': {
      if ((def.checks?.length ?? 0) > 0 || !def.shape) return NEVER;
      // a strict object refuses extra keys; a loose one or one with a catchall would keep or parse them
      if (def.catchall !== undefined && defOf(def.catchall).type !== 'never') return NEVER;
      const keys = Object.keys(def.shape);
      const fields = keys.map((k) => compileCanonical(def.shape![k]!));
      const count = keys.length;
      return (v) => {
        if (!isPlainObject(v)) return false;
        // every key of the shape is there (checked below) and nothing else: as many own keys
        let own = 0;
        for (const k in v) {
          if (!Object.prototype.hasOwnProperty.call(v, k)) return false;
          own++;
        }
        if (own !== count) return false;
        for (let i = 0; i < count; i++) {
          const k = keys[i]!;
          if (!Object.prototype.hasOwnProperty.call(v, k) || !fields[i]!(v[k])) return false;
        }
        return true;
      };
    }
    case 'union': {
      if ((def.checks?.length ?? 0) > 0 || !def.options) return NEVER;
      if (def.discriminator !== undefined) {
        const disc = def.discriminator;
        const options = def.options.map((o) => {
          const shape = defOf(o).shape;
          const tag = shape?.[disc];
          return { tag: tag ? compileCanonical(tag) : NEVER, whole: compileCanonical(o) };
        });
        return (v) => {
          if (!isPlainObject(v)) return false;
          const t = v[disc];
          for (const o of options) if (o.tag(t)) return o.whole(v);
          return false;
        };
      }
      // zod takes the first member that accepts: only members whose output is their input may be tried in any order
      if (!def.options.every((o) => PRIMITIVE.has(defOf(o).type))) return NEVER;
      const options = def.options.map(compileCanonical);
      return (v) => {
        for (const o of options) if (o(v)) return true;
        return false;
      };
    }
    default:
      return NEVER;
  }
}

/**
 * `schema.parse(value)`, through the fast path when the value is canonical for it (returned as it
 * is, so the caller must not expect a copy). Throws zod's error for a value the schema refuses.
 */
export function parseWithFastPath<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  return compileCanonical(schema)(value) ? (value as z.output<S>) : schema.parse(value);
}

/** `schema.safeParse(value)`, through the fast path (see parseWithFastPath). */
export function safeParseWithFastPath<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  if (compileCanonical(schema)(value)) return { success: true, data: value as z.output<S> };
  return schema.safeParse(value);
}
