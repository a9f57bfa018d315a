import type { FieldError } from '@switchboard/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, problem } from '../errors.js';

const PG_UNIQUE_VIOLATION = '23505';
const PG_SERIALIZATION_FAILURE = '40001';

function zodFieldErrors(error: {
  validation: { instancePath?: string; message?: string; params?: unknown }[];
  validationContext?: string;
}): FieldError[] {
  return error.validation.map((v) => {
    const issue = (v.params as { issue?: { path?: PropertyKey[]; code?: string; message?: string } } | undefined)?.issue;
    const pathParts = issue?.path?.map(String) ?? (v.instancePath ?? '').split('/').filter(Boolean);
    return {
      path: pathParts.join('.') || (error.validationContext ?? ''),
      message: issue?.message ?? v.message ?? 'Invalid value',
      code: issue?.code ?? 'invalid',
    };
  });
}

/**
 * One mapping from failures to application/problem+json. Known errors keep their code and
 * status; everything else is a logged 500 with no internals in the body.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: ReturnType<typeof problem>;
    if (error instanceof AppError) {
      body = problem(error.status, error.code, error.message, {
        ...(error.details.errors ? { errors: error.details.errors } : {}),
        ...(error.details.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.details.retryAfterSeconds } : {}),
      });
      if (error.details.retryAfterSeconds !== undefined) {
        reply.header('retry-after', String(error.details.retryAfterSeconds));
      }
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      body = problem(400, 'validation.failed', 'The request is invalid', {
        errors: zodFieldErrors(error as never),
      });
    } else if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
      body = problem(409, 'resource.conflict', 'A record with these values already exists');
    } else if ((error as { code?: string }).code === PG_SERIALIZATION_FAILURE) {
      body = problem(409, 'resource.conflict', 'A concurrent change got there first; try again');
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      body = problem(413, 'request.too_large', 'The request body is too large');
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
      body = problem(415, 'request.unsupported_media_type', 'This content type is not accepted');
    } else if (error.statusCode === 429) {
      body = problem(429, 'rate_limited', 'Too many requests; slow down');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (malformed JSON, empty body with a JSON content type, ...).
      body = problem(400, 'validation.failed', error.message, {
        errors: [{ path: '', message: error.message, code: error.code ?? 'invalid' }],
      });
    } else {
      request.log.error({ err: error }, 'unhandled error');
      body = problem(500, 'internal', 'Something went wrong on our side; it has been logged');
    }
    body.requestId = String(request.id);
    body.instance = request.url.split('?')[0];
    if (body.status >= 500) request.log.error({ code: body.code }, 'request failed');
    reply.status(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = problem(404, 'route.not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
    body.requestId = String(request.id);
    body.instance = request.url.split('?')[0];
    reply.status(404).type('application/problem+json').send(body);
  });
}
