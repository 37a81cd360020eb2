// The request body limit (MAX_BODY_BYTES) inside yoga, as yoga's own `maxRequestBodySize` does it,
// but without counting a body whose Content-Length is known. yoga wraps every body in a counting
// TransformStream (a Node Transform, a pipeline, an AbortController and its DOMException when the
// pipeline ends, a new Request); in a `{ __typename }` request that was the largest single cost of
// ours that bare yoga's profile did not have in the same measure (issue 19). A body cannot be
// longer than its Content-Length: Node's HTTP parser reads that many bytes and ends the body there.
// So a body with one is checked from the header alone (app.ts refuses it before yoga even runs),
// and only a body without one (chunked) is counted as it streams in, with yoga's error.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/** yoga's words and code, which clients of a chunked upload already see. */
function bodyTooLarge(): GraphQLError {
  return new GraphQLError("Request body too large", {
    extensions: { http: { status: 413 }, code: "REQUEST_ENTITY_TOO_LARGE" },
  });
}

function invalidContentLength(): GraphQLError {
  return new GraphQLError("Content-Length header is invalid.", {
    extensions: { http: { status: 400 }, code: "BAD_REQUEST" },
  });
}

/** One non-negative integer; anything else (a list, as in request smuggling) is refused. */
const CONTENT_LENGTH = /^\d+$/;

/** A copy of `request` whose body errors once more than `limit` bytes have streamed in. */
function counted(
  request: Request,
  limit: number,
  fetchAPI: Pick<typeof globalThis, "TransformStream" | "Request">,
): Request {
  const body = request.body;
  if (!body) return request;
  // The native ReadableStream pipes only into the native TransformStream (yoga issue 4583).
  const Transform =
    body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let read = 0;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) {
          controller.error(bodyTooLarge());
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    // @ts-expect-error a streamed body needs it; lib.dom's RequestInit does not know it yet
    duplex: "half",
  });
}

/**
 * Listed after the request parsers (yoga's own come first), like yoga's; create yoga with
 * `maxRequestBodySize: false` so that its own limiter stays out.
 */
export function requestBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get("content-length");
      if (length != null) {
        if (!CONTENT_LENGTH.test(length)) throw invalidContentLength();
        if (Number(length) > limit) throw bodyTooLarge();
        return;
      }
      if (requestParser == null || request.body == null) return;
      const parse = requestParser;
      setRequestParser((req) => parse(counted(req, limit, fetchAPI)));
    },
  };
}
