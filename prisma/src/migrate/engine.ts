import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

// @types/node 20 does not declare the WebAssembly global that Node provides.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

// The package targets bundlers (`import * as wasm from "./x.wasm"`). Under plain Node we load the
// module by hand, once per process, so no --experimental-wasm-modules flag is needed.
let ready: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await fs.readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

/** Starts Prisma's schema engine (WebAssembly build) on top of a driver adapter. */
export async function startSchemaEngine(
  schema: { path: string; content: string },
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngine> {
  await loadWasm();
  const logs: string[] = [];
  return bindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(wholeScripts(adapterFactory)),
  );
}

type Adapter = Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory["connect"]>>;

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";", which breaks PL/pgSQL
 * function bodies. PostgreSQL's simple query protocol runs a multi-statement script as it is, so
 * the script goes to the driver in one piece. (PGlite's adapter already does that.)
 */
function wholeScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: Adapter): Adapter => {
    const driver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.();
    if (!(driver instanceof pg.Pool || driver instanceof pg.Client)) return adapter;
    const mapError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(
      adapter,
    );
    adapter.executeScript = async (script: string) => {
      try {
        await driver.query(script);
      } catch (error) {
        mapError(error);
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}
