import { readFile } from 'node:fs/promises';
import internals from '@prisma/internals';
import pg from 'pg';

// @prisma/internals is CommonJS whose named exports Node cannot detect statically.
const { getDMMF } = internals;

// Compares a migrated database with schema.prisma. The migrations are written by hand (the schema
// engine cannot be downloaded everywhere we run), so this is what keeps the two from drifting apart.
// Test-only: it needs @prisma/internals, a dev dependency, so index.ts does not export it.

/** An index that Prisma's schema language cannot express, created by hand in a migration. */
export interface AllowedExtraIndex {
  table: string;
  name: string;
  /** the part of pg_get_indexdef() from USING on */
  definition: string;
}

export const allowedExtraIndexes: readonly AllowedExtraIndex[] = [
  // Prefix search on resident names; the collation is C.UTF-8, so LIKE 'x%' needs text_pattern_ops.
  { table: 'residents', name: 'residents_name_en_prefix_idx', definition: 'USING btree (lower(name_en) text_pattern_ops)' },
  { table: 'residents', name: 'residents_name_hi_prefix_idx', definition: 'USING btree (name_hi text_pattern_ops)' },
];

export interface SchemaDriftOptions {
  allowedExtraIndexes?: readonly AllowedExtraIndex[];
}

type Datamodel = Awaited<ReturnType<typeof getDMMF>>['datamodel'];
type Model = Datamodel['models'][number];
type Field = Model['fields'][number];

type ReferentialAction = 'Cascade' | 'Restrict' | 'NoAction' | 'SetNull' | 'SetDefault';

interface ExpectedColumn {
  name: string;
  field: string;
  /** format_type() of the element type, or `enum <name>` */
  type: string | null;
  isList: boolean;
  notNull: boolean;
  /** normalised default; null for none; undefined when not checked */
  default: string | null | undefined;
}

interface ExpectedIndex {
  name: string;
  columns: string[];
  unique: boolean;
  method: string;
  descending: boolean[];
  /** how schema.prisma declares it, for messages */
  declaredAs: string;
}

interface ExpectedForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  declaredAs: string;
}

interface ExpectedTable {
  name: string;
  model: string;
  columns: ExpectedColumn[];
  primaryKey: { name: string; columns: string[] } | null;
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
}

interface ExpectedSchema {
  tables: ExpectedTable[];
  enums: Map<string, string[]>;
  /** things schema.prisma uses that this comparison cannot check */
  unsupported: string[];
}

interface ActualColumn {
  table_name: string;
  column_name: string;
  not_null: boolean;
  is_array: boolean;
  is_enum: boolean;
  elem_type_name: string;
  elem_type: string;
  default_expr: string | null;
}

interface ActualIndex {
  table_name: string;
  index_name: string;
  is_unique: boolean;
  is_primary: boolean;
  method: string;
  /** null where the index has an expression instead of a column */
  key_columns: (string | null)[];
  options: number[];
  default_opclasses: boolean[];
  include_count: number;
  has_predicate: boolean;
  definition: string;
}

interface ActualForeignKey {
  name: string;
  table_name: string;
  ref_table: string;
  columns: string[];
  ref_columns: string[];
  on_delete: string;
  on_update: string;
}

interface ActualSchema {
  tables: string[];
  columns: ActualColumn[];
  enums: Map<string, string[]>;
  primaryKeys: Map<string, { name: string; columns: string[] }>;
  indexes: ActualIndex[];
  foreignKeys: ActualForeignKey[];
}

const MIGRATIONS_TABLE = '_prisma_migrations';
const POSTGRES_MAX_IDENTIFIER = 63;

/** Prisma's default constraint names: truncated to 63 bytes with the suffix kept. */
function constraintName(base: string, suffix: string): string {
  const limit = POSTGRES_MAX_IDENTIFIER - suffix.length;
  let name = base;
  if (Buffer.byteLength(name) >= limit) {
    const bytes = Buffer.from(name).subarray(0, limit);
    // Drop a partial UTF-8 sequence at the cut, as Rust's floor_char_boundary does.
    name = bytes.toString('utf8').replace(/\uFFFD+$/, '');
  }
  return `${name}${suffix}`;
}

const scalarTypes: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const withPrecision = (type: string, suffix = '') => (args: string[]) =>
  args.length > 0 ? `${type}(${args.join(',')})${suffix}` : `${type}${suffix}`;

// What Prisma renders for each @db attribute, as format_type() prints it back.
const nativeTypes: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  VarChar: withPrecision('character varying'),
  Char: (args) => `character(${args[0] ?? 1})`,
  Uuid: () => 'uuid',
  Xml: () => 'xml',
  Inet: () => 'inet',
  Citext: () => 'citext',
  Bit: (args) => `bit(${args[0] ?? 1})`,
  VarBit: withPrecision('bit varying'),
  SmallInt: () => 'smallint',
  Integer: () => 'integer',
  BigInt: () => 'bigint',
  Oid: () => 'oid',
  DoublePrecision: () => 'double precision',
  Real: () => 'real',
  Decimal: withPrecision('numeric'),
  Money: () => 'money',
  Timestamp: withPrecision('timestamp', ' without time zone'),
  Timestamptz: withPrecision('timestamp', ' with time zone'),
  Date: () => 'date',
  Time: withPrecision('time', ' without time zone'),
  Timetz: withPrecision('time', ' with time zone'),
  Boolean: () => 'boolean',
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
};

/** Reduces a pg_get_expr() default to a comparable literal: casts, quotes and parentheses removed. */
export function normalizeDefault(expression: string): string {
  let text = expression.trim();
  if (/^nextval\(/i.test(text)) return 'autoincrement()';
  if (/^now\(\)$/i.test(text)) return 'CURRENT_TIMESTAMP';
  for (;;) {
    const cast = /^(.*)::[a-z_][a-z0-9_ ."]*(\(\d+(,\s*\d+)?\))?(\[\])?$/is.exec(text);
    if (!cast?.[1]) break;
    text = cast[1].trim();
  }
  while (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) {
    text = text.slice(1, -1).replaceAll("''", "'");
  }
  return text;
}

function expectedDefault(field: Field, datamodel: Datamodel): string | null | undefined {
  if (field.isUpdatedAt) return null;
  const value = field.default;
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') {
    if (!('name' in value)) return undefined; // list defaults are not compared
    switch (value.name) {
      case 'autoincrement':
        return 'autoincrement()';
      case 'now':
        return 'CURRENT_TIMESTAMP';
      case 'dbgenerated':
        return typeof value.args[0] === 'string' ? normalizeDefault(value.args[0]) : undefined;
      case 'uuid':
      case 'cuid':
      case 'nanoid':
      case 'ulid':
        return null; // generated by the client, not the database
      default:
        return undefined;
    }
  }
  if (field.kind === 'enum') {
    const enumType = datamodel.enums.find((candidate) => candidate.name === field.type);
    const enumValue = enumType?.values.find((candidate) => candidate.name === value);
    return enumValue?.dbName ?? String(value);
  }
  if (field.type === 'DateTime' && typeof value === 'string') return undefined; // literal timestamps vary in rendering
  return String(value);
}

function columnName(field: Field): string {
  return field.dbName ?? field.name;
}

function tableName(model: Model): string {
  return model.dbName ?? model.name;
}

function describeFields(model: Model, fieldNames: readonly string[]): string[] {
  return fieldNames.map((name) => {
    const field = model.fields.find((candidate) => candidate.name === name);
    return field ? columnName(field) : name;
  });
}

function buildExpected(datamodel: Datamodel): ExpectedSchema {
  const unsupported: string[] = [];
  const enums = new Map(
    datamodel.enums.map((enumType) => [
      enumType.dbName ?? enumType.name,
      enumType.values.map((value) => value.dbName ?? value.name),
    ]),
  );
  const modelsByName = new Map(datamodel.models.map((model) => [model.name, model]));

  const tables = datamodel.models.map((model): ExpectedTable => {
    const table = tableName(model);
    const columns: ExpectedColumn[] = [];
    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      let type: string | null;
      if (field.kind === 'enum') {
        const enumType = datamodel.enums.find((candidate) => candidate.name === field.type);
        type = `enum ${enumType?.dbName ?? field.type}`;
      } else if (field.kind === 'unsupported') {
        type = null;
        unsupported.push(`${model.name}.${field.name}: Unsupported(...) fields are not known to the drift check`);
      } else if (field.nativeType) {
        const [nativeName, args] = field.nativeType;
        const render = nativeTypes[nativeName];
        type = render ? render([...args]) : null;
        if (!render) unsupported.push(`${model.name}.${field.name}: @db.${nativeName} is not known to the drift check`);
      } else {
        type = scalarTypes[field.type] ?? null;
        if (type === null) unsupported.push(`${model.name}.${field.name}: type ${field.type} is not known to the drift check`);
      }
      columns.push({
        name: columnName(field),
        field: field.name,
        type,
        isList: field.isList,
        // Prisma leaves list columns nullable even though a list field cannot be optional.
        notNull: field.isRequired && !field.isList,
        default: expectedDefault(field, datamodel),
      });
    }

    let primaryKey: ExpectedTable['primaryKey'] = null;
    const indexes: ExpectedIndex[] = [];
    for (const index of datamodel.indexes.filter((candidate) => candidate.model === model.name)) {
      const cols = describeFields(
        model,
        index.fields.map((indexField) => indexField.name),
      );
      if (index.type === 'id') {
        primaryKey = { name: index.dbName ?? constraintName(table, '_pkey'), columns: cols };
        continue;
      }
      if (index.type === 'fulltext') {
        unsupported.push(`${model.name}: full-text indexes are MySQL-only`);
        continue;
      }
      if (index.fields.some((indexField) => indexField.operatorClass !== undefined || indexField.length !== undefined)) {
        unsupported.push(`${model.name}: index on (${cols.join(', ')}) uses ops/length, not known to the drift check`);
      }
      const unique = index.type === 'unique';
      const fieldNames = index.fields.map((indexField) => indexField.name).join(', ');
      const declaredAs = index.isDefinedOnField
        ? `${model.name}.${fieldNames} @unique`
        : `${model.name} ${unique ? '@@unique' : '@@index'}([${fieldNames}])`;
      indexes.push({
        name: index.dbName ?? constraintName(`${table}_${cols.join('_')}`, unique ? '_key' : '_idx'),
        columns: cols,
        unique,
        method: (index.algorithm ?? 'BTree').toLowerCase(),
        descending: index.fields.map((indexField) => indexField.sortOrder === 'desc'),
        declaredAs,
      });
    }

    const foreignKeys: ExpectedForeignKey[] = [];
    for (const field of model.fields) {
      if (field.kind !== 'object') continue;
      const from = field.relationFromFields ?? [];
      if (from.length === 0) {
        const target = modelsByName.get(field.type);
        const opposite = target?.fields.find(
          (candidate) => candidate.relationName === field.relationName && candidate !== field,
        );
        if (field.isList && opposite?.isList) {
          unsupported.push(`${model.name}.${field.name}: implicit many-to-many relations are not known to the drift check`);
        }
        continue;
      }
      const target = modelsByName.get(field.type);
      if (!target) continue;
      const cols = describeFields(model, from);
      foreignKeys.push({
        // DMMF does not expose @relation(map: ...), so custom names would show up as a rename.
        name: constraintName(`${table}_${cols.join('_')}`, '_fkey'),
        columns: cols,
        refTable: tableName(target),
        refColumns: describeFields(target, field.relationToFields ?? []),
        // Prisma's defaults: SetNull for an optional relation, Restrict for a required one.
        onDelete: toAction(field.relationOnDelete) ?? (field.isRequired ? 'Restrict' : 'SetNull'),
        onUpdate: toAction(field.relationOnUpdate) ?? 'Cascade',
        declaredAs: `${model.name}.${field.name}`,
      });
    }

    return { name: table, model: model.name, columns, primaryKey, indexes, foreignKeys };
  });

  return { tables, enums, unsupported };
}

function toAction(value: string | undefined): ReferentialAction | undefined {
  switch (value) {
    case 'Cascade':
    case 'Restrict':
    case 'NoAction':
    case 'SetNull':
    case 'SetDefault':
      return value;
    default:
      return undefined;
  }
}

const pgActions: Record<string, ReferentialAction> = {
  a: 'NoAction',
  r: 'Restrict',
  c: 'Cascade',
  n: 'SetNull',
  d: 'SetDefault',
};

async function readDatabase(client: pg.Client): Promise<ActualSchema> {
  const tables = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
  );

  const columns = await client.query<ActualColumn>(
    `SELECT c.relname AS table_name, a.attname AS column_name, a.attnotnull AS not_null,
            t.typcategory = 'A' AS is_array, e.typtype = 'e' AS is_enum, e.typname AS elem_type_name,
            format_type(e.oid, a.atttypmod) AS elem_type, pg_get_expr(d.adbin, d.adrelid) AS default_expr
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       JOIN pg_type e ON e.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );

  const enums = await client.query<{ typname: string; labels: string[] }>(
    `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema()
      GROUP BY t.typname`,
  );

  const indexes = await client.query<ActualIndex>(
    `SELECT c.relname AS table_name, i.relname AS index_name, x.indisunique AS is_unique,
            x.indisprimary AS is_primary, am.amname AS method,
            ARRAY(SELECT a.attname::text
                    FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
                   WHERE k.ord <= x.indnkeyatts ORDER BY k.ord) AS key_columns,
            x.indoption::int2[] AS options,
            ARRAY(SELECT o.opcdefault
                    FROM unnest(x.indclass::oid[]) WITH ORDINALITY AS k(opclass, ord)
                    JOIN pg_opclass o ON o.oid = k.opclass ORDER BY k.ord) AS default_opclasses,
            x.indnatts - x.indnkeyatts AS include_count,
            x.indpred IS NOT NULL AS has_predicate,
            pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, i.relname`,
  );

  const primaryKeys = await client.query<{ table_name: string; name: string; columns: string[] }>(
    `SELECT c.relname AS table_name, con.conname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'p' AND n.nspname = current_schema()`,
  );

  const foreignKeys = await client.query<ActualForeignKey>(
    `SELECT con.conname AS name, c.relname AS table_name, r.relname AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = current_schema()
      ORDER BY c.relname, con.conname`,
  );

  return {
    tables: tables.rows.map((row) => row.relname),
    columns: columns.rows,
    enums: new Map(enums.rows.map((row) => [row.typname, row.labels])),
    primaryKeys: new Map(primaryKeys.rows.map((row) => [row.table_name, { name: row.name, columns: row.columns }])),
    indexes: indexes.rows,
    foreignKeys: foreignKeys.rows,
  };
}

const list = (items: readonly (string | null)[]) => `(${items.map((item) => item ?? '<expression>').join(', ')})`;
const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Prisma's plain index: key columns only, default operator classes, no predicate or INCLUDE. */
function indexMatches(expected: ExpectedIndex, actual: ActualIndex): boolean {
  return (
    actual.is_unique === expected.unique &&
    !actual.is_primary &&
    actual.method === expected.method &&
    sameList(actual.key_columns, expected.columns) &&
    actual.default_opclasses.every(Boolean) &&
    actual.include_count === 0 &&
    !actual.has_predicate &&
    // bit 0 of indoption is DESC
    sameList(
      actual.options.map((option) => (option & 1) === 1),
      expected.descending,
    )
  );
}

function usingPart(definition: string): string {
  const at = definition.indexOf(' USING ');
  return at === -1 ? definition : definition.slice(at + 1);
}

function compare(expected: ExpectedSchema, actual: ActualSchema, allowlist: readonly AllowedExtraIndex[]): string[] {
  const problems = expected.unsupported.map((message) => `unsupported by the drift check: ${message}`);

  // Enums
  for (const [name, values] of expected.enums) {
    const actualValues = actual.enums.get(name);
    if (!actualValues) problems.push(`enum ${name}: missing in the database`);
    else if (!sameList(values, actualValues)) {
      problems.push(`enum ${name}: values differ: schema.prisma [${values.join(', ')}], database [${actualValues.join(', ')}]`);
    }
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) problems.push(`enum ${name}: in the database but not in schema.prisma`);
  }

  // Tables
  const expectedTables = new Set(expected.tables.map((table) => table.name));
  for (const name of actual.tables) {
    if (name !== MIGRATIONS_TABLE && !expectedTables.has(name)) {
      problems.push(`table ${name}: in the database but not in schema.prisma`);
    }
  }

  const claimedIndexes = new Set<ActualIndex>();
  const claimedForeignKeys = new Set<ActualForeignKey>();

  for (const table of expected.tables) {
    if (!actual.tables.includes(table.name)) {
      problems.push(`table ${table.name}: missing in the database (model ${table.model})`);
      continue;
    }

    // Columns
    const actualColumns = actual.columns.filter((column) => column.table_name === table.name);
    for (const column of table.columns) {
      const where = `column ${table.name}.${column.name}`;
      const found = actualColumns.find((candidate) => candidate.column_name === column.name);
      if (!found) {
        problems.push(`${where}: missing in the database (field ${table.model}.${column.field})`);
        continue;
      }
      const actualType = found.is_enum ? `enum ${found.elem_type_name}` : found.elem_type;
      if (column.type !== null && column.type !== actualType) {
        problems.push(`${where}: type is ${column.type} in schema.prisma, ${actualType} in the database`);
      }
      if (column.isList !== found.is_array) {
        problems.push(`${where}: ${column.isList ? 'a list' : 'not a list'} in schema.prisma, ${found.is_array ? 'an array' : 'not an array'} in the database`);
      }
      if (column.notNull !== found.not_null) {
        problems.push(`${where}: ${column.notNull ? 'NOT NULL' : 'nullable'} in schema.prisma, ${found.not_null ? 'NOT NULL' : 'nullable'} in the database`);
      }
      if (column.default !== undefined) {
        const actualDefault = found.default_expr === null ? null : normalizeDefault(found.default_expr);
        if (actualDefault !== column.default) {
          problems.push(`${where}: default is ${column.default ?? 'none'} in schema.prisma, ${found.default_expr ?? 'none'} in the database`);
        }
      }
    }
    for (const found of actualColumns) {
      if (!table.columns.some((column) => column.name === found.column_name)) {
        problems.push(`column ${table.name}.${found.column_name}: in the database but not in model ${table.model}`);
      }
    }

    // Primary key
    const actualKey = actual.primaryKeys.get(table.name);
    if (table.primaryKey === null) {
      if (actualKey) problems.push(`table ${table.name}: has primary key ${actualKey.name} ${list(actualKey.columns)} but model ${table.model} has no @id`);
    } else if (!actualKey) {
      problems.push(`table ${table.name}: primary key ${table.primaryKey.name} ${list(table.primaryKey.columns)} is missing`);
    } else if (actualKey.name !== table.primaryKey.name || !sameList(actualKey.columns, table.primaryKey.columns)) {
      problems.push(`table ${table.name}: primary key is ${table.primaryKey.name} ${list(table.primaryKey.columns)} in schema.prisma, ${actualKey.name} ${list(actualKey.columns)} in the database`);
    }
    const keyIndex = actual.indexes.find((index) => index.table_name === table.name && index.is_primary);
    if (keyIndex) claimedIndexes.add(keyIndex);

    // Indexes declared in schema.prisma
    const tableIndexes = actual.indexes.filter((index) => index.table_name === table.name && !index.is_primary);
    for (const index of table.indexes) {
      const kind = `${index.unique ? 'unique index' : 'index'} ${index.name}`;
      const shape = `${index.unique ? 'UNIQUE ' : ''}${index.method} ${list(index.columns)}`;
      const byName = tableIndexes.find((candidate) => candidate.index_name === index.name);
      if (byName) {
        claimedIndexes.add(byName);
        if (!indexMatches(index, byName)) {
          problems.push(`${kind} on ${table.name}: schema.prisma (${index.declaredAs}) expects ${shape}, the database has ${usingPart(byName.definition)}${byName.is_unique ? ' UNIQUE' : ''}`);
        }
        continue;
      }
      const sameShape = tableIndexes.find((candidate) => !claimedIndexes.has(candidate) && indexMatches(index, candidate));
      if (sameShape) {
        claimedIndexes.add(sameShape);
        problems.push(`${kind} on ${table.name}: the database has it under the name ${sameShape.index_name}`);
      } else {
        problems.push(`${kind} on ${table.name} ${shape}: missing in the database (${index.declaredAs})`);
      }
    }

    // Foreign keys
    const tableForeignKeys = actual.foreignKeys.filter((key) => key.table_name === table.name);
    for (const key of table.foreignKeys) {
      const where = `foreign key ${key.name} on ${table.name}`;
      const found =
        tableForeignKeys.find((candidate) => candidate.name === key.name) ??
        tableForeignKeys.find((candidate) => !claimedForeignKeys.has(candidate) && sameList(candidate.columns, key.columns));
      if (!found) {
        problems.push(`${where}: missing in the database (${key.declaredAs}: ${list(key.columns)} → ${key.refTable}${list(key.refColumns)})`);
        continue;
      }
      claimedForeignKeys.add(found);
      if (found.name !== key.name) problems.push(`${where}: the database has it under the name ${found.name}`);
      if (!sameList(found.columns, key.columns) || found.ref_table !== key.refTable || !sameList(found.ref_columns, key.refColumns)) {
        problems.push(`${where}: schema.prisma has ${list(key.columns)} → ${key.refTable}${list(key.refColumns)}, the database ${list(found.columns)} → ${found.ref_table}${list(found.ref_columns)}`);
      }
      const onDelete = pgActions[found.on_delete] ?? found.on_delete;
      const onUpdate = pgActions[found.on_update] ?? found.on_update;
      if (onDelete !== key.onDelete || onUpdate !== key.onUpdate) {
        problems.push(`${where}: schema.prisma has onDelete ${key.onDelete} onUpdate ${key.onUpdate}, the database onDelete ${onDelete} onUpdate ${onUpdate}`);
      }
    }
    for (const found of tableForeignKeys) {
      if (!claimedForeignKeys.has(found)) {
        problems.push(`foreign key ${found.name} on ${table.name}: in the database but not in schema.prisma (${list(found.columns)} → ${found.ref_table}${list(found.ref_columns)})`);
      }
    }
  }

  // Indexes nobody declared: must be in the allowlist, exactly as written there.
  for (const index of actual.indexes) {
    if (claimedIndexes.has(index) || index.table_name === MIGRATIONS_TABLE || !expectedTables.has(index.table_name)) continue;
    const allowed = allowlist.find((entry) => entry.name === index.index_name && entry.table === index.table_name);
    if (!allowed) {
      problems.push(
        `index ${index.index_name} on ${index.table_name}: not declared in schema.prisma nor in allowedExtraIndexes (${usingPart(index.definition)}). ` +
          'Declare it with @@index/@unique, or, if Prisma cannot express it, add it to allowedExtraIndexes in prisma/src/schema-drift.ts',
      );
    } else if (usingPart(index.definition) !== allowed.definition) {
      problems.push(`index ${index.index_name} on ${index.table_name}: allowedExtraIndexes says ${allowed.definition}, the database has ${usingPart(index.definition)}`);
    }
  }
  for (const entry of allowlist) {
    if (!actual.indexes.some((index) => index.index_name === entry.name && index.table_name === entry.table)) {
      problems.push(`index ${entry.name} on ${entry.table}: listed in allowedExtraIndexes but missing in the database`);
    }
  }

  return problems;
}

/**
 * Differences between schema.prisma and the database at databaseUrl (its current schema, usually
 * public), one readable sentence each; an empty list means they agree.
 */
export async function findSchemaDrift(
  databaseUrl: string,
  schemaPath: string,
  options: SchemaDriftOptions = {},
): Promise<string[]> {
  const { datamodel } = await getDMMF({ datamodel: await readFile(schemaPath, 'utf8') });
  const expected = buildExpected(datamodel);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'samvad-schema-drift' });
  await client.connect();
  try {
    const actual = await readDatabase(client);
    return compare(expected, actual, options.allowedExtraIndexes ?? allowedExtraIndexes);
  } finally {
    await client.end();
  }
}
