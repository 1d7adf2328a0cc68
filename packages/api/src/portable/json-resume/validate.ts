// Validation against the official JSON Resume schema (npm @jsonresume/schema),
// with the `jsonschema` validator its own validator.js uses, so a file is
// accepted here exactly when the reference tooling accepts it.
import schema from '@jsonresume/schema/schema.json' with { type: 'json' };
import { Validator, type ValidationError } from 'jsonschema';
import { formatPath, type Issue } from '../issues';

const validator = new Validator();
const iso8601Pattern = schema.definitions.iso8601.pattern;

function describe(error: ValidationError): string {
  switch (error.name) {
    case 'pattern':
      return error.argument === iso8601Pattern
        ? 'does not match pattern: use a date like 2019, 2019-06 or 2019-06-30.'
        : `does not match pattern ${String(error.argument)}.`;
    case 'format':
      if (error.argument === 'email') return 'is not a valid email address.';
      if (error.argument === 'uri')
        return 'is not a valid URL (include the scheme, like https://).';
      return `is not a valid ${String(error.argument)}.`;
    case 'type': {
      const types = (Array.isArray(error.argument) ? error.argument : [error.argument]).map(String);
      const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
      return `must be ${types.map(article).join(' or ')}.`;
    }
    default:
      return `${error.message}.`;
  }
}

/** Every way `document` breaks the JSON Resume schema, each with its path. */
export function validateJsonResume(document: unknown): Issue[] {
  const result = validator.validate(document, schema);
  return result.errors.map((error) => ({
    path: formatPath(error.path),
    message: describe(error),
  }));
}
