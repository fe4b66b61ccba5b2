/**
 * Checks values against the schemas of an OpenAPI 3.1 document with ajv's JSON Schema 2020-12
 * build: the document's `#/components/schemas/X` become `$defs` of one bundle, so a `$ref` in any
 * schema resolves. Strict mode: a schema keyword ajv does not know, or a `required` property a
 * schema does not define, is an error.
 * ajv 8 is in node_modules as payload's dependency, not ours: if it ever goes, add it as a
 * devDependency (tests only).
 */
import { Ajv2020 } from 'ajv/dist/2020'

import type { JsonSchema, OpenApiDocument } from '../../src/http/openapi'

const BUNDLE_ID = 'https://myhibachi.example/openapi/components'

/** `#/components/schemas/X` → the bundle's `#/$defs/X`, in a copy. */
function toBundle(value: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', `"${BUNDLE_ID}#/$defs/`)) as JsonSchema
}

export function openApiSchemas(doc: OpenApiDocument) {
  // validateFormats off: zod writes `format` keywords whose checkers ajv keeps in another package.
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false })
  ajv.addSchema({ $id: BUNDLE_ID, $defs: toBundle(doc.components.schemas) })
  return {
    /** Whether `schema` is valid JSON Schema 2020-12 (the meta-schema's answer), and why not. */
    validSchema(schema: unknown): string | undefined {
      return ajv.validateSchema(toBundle(schema)) ? undefined : ajv.errorsText(ajv.errors)
    },
    /** A compiled check for `schema` (throws for a schema that does not compile). */
    validator(schema: unknown) {
      return ajv.compile(toBundle(schema))
    },
    /** Why `value` does not fit the schema (a component name or a schema), or undefined when it does. */
    misfit(schema: string | unknown, value: unknown): string | undefined {
      const check = ajv.compile(toBundle(typeof schema === 'string' ? { $ref: `#/components/schemas/${schema}` } : schema))
      return check(value) ? undefined : ajv.errorsText(check.errors)
    },
  }
}
