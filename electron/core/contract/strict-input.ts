import { z } from 'zod';

/**
 * Contract inputs refuse keys they do not know, at every nesting level. A dropped key is a silent broken promise
 * (`settings.update {"remoteEndpoints": …}` answering ok and storing nothing), so dispatch validates every method's
 * input through `strictInput`, which rebuilds the schema with each plain object made strict. Doing it here, once,
 * covers every schema an area adds later without anyone remembering `z.strictObject`.
 *
 * Objects that chose what to do with unknown keys (`z.looseObject`, `.catchall(…)`) keep their choice; records and
 * `z.unknown()` values (free-form JSON such as guard overrides or a JSON schema) are not objects with keys to check.
 */
type AnySchema = z.ZodType;
type Def = Record<string, unknown> & { type: string };

const strictCache = new WeakMap<AnySchema, AnySchema>();

/** The same schema with every strip-mode object made strict; the inferred types are unchanged. */
export function strictInput<T extends AnySchema>(schema: T): T {
  const cached = strictCache.get(schema);
  if (cached) return cached as T;
  const strict = rebuild(schema);
  strictCache.set(schema, strict);
  return strict as T;
}

/** The child schemas each kind of wrapper holds, by the name of the field in its definition. */
const innerFields: Record<string, readonly string[]> = {
  optional: ['innerType'],
  nullable: ['innerType'],
  nonoptional: ['innerType'],
  default: ['innerType'],
  prefault: ['innerType'],
  catch: ['innerType'],
  readonly: ['innerType'],
  success: ['innerType'],
  promise: ['innerType'],
  array: ['element'],
  set: ['valueType'],
  map: ['keyType', 'valueType'],
  record: ['keyType', 'valueType'],
  pipe: ['in', 'out'],
  // Each side of an intersection sees all keys of the input: making them strict would refuse the other side's.
  // Left as is; the contract test that walks every input fails on a strip-mode object reached this way.
};

function rebuild(schema: AnySchema): AnySchema {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      const strictShape = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, strictInput(value)]));
      const catchall = def.catchall === undefined ? z.never() : def.catchall;
      return cloneWith(schema, def, { shape: strictShape, catchall });
    }
    case 'union':
      return cloneWith(schema, def, { options: (def.options as AnySchema[]).map((option) => strictInput(option)) });
    case 'tuple':
      return cloneWith(schema, def, { items: (def.items as AnySchema[]).map((item) => strictInput(item)), rest: def.rest ? strictInput(def.rest as AnySchema) : def.rest });
    case 'lazy': {
      const getter = def.getter as () => AnySchema;
      return z.lazy(() => strictInput(getter()));
    }
    default: {
      const fields = innerFields[def.type];
      if (!fields) return schema;
      const children = Object.fromEntries(fields.map((field) => [field, strictInput(def[field] as AnySchema)]));
      return cloneWith(schema, def, children);
    }
  }
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/**
 * A new instance of the same schema class with some definition fields replaced. Checks and refinements live in the
 * definition and come along; getters (a default's value, which must be a fresh copy on every parse) are copied as
 * getters, not evaluated once.
 */
function cloneWith(schema: AnySchema, def: Def, replaced: Record<string, unknown>): AnySchema {
  const next = Object.defineProperties({}, Object.getOwnPropertyDescriptors(def)) as Def;
  for (const [field, value] of Object.entries(replaced)) Object.defineProperty(next, field, { value, enumerable: true, writable: true, configurable: true });
  return (schema as unknown as { clone(def: Def): AnySchema }).clone(next);
}
