// How `pnpm db:backup` finds the server that holds an embedded database open. PGlite's files may
// be opened by one process only, so an online backup of it must be taken by the server itself: at
// start the server writes its address and a random key next to the data (readable by its owner
// only: whoever may read this file may read the database files anyway), and removes it at stop.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface RunningServer {
  pid: number;
  url: string;
  backupKey: string;
}

export const BACKUP_KEY_HEADER = "x-d05-backup-key";

export function runningServerFile(dataDir: string): string {
  return path.join(dataDir, "d05-server.json");
}

/** A fresh key for this server process's backup endpoint. */
export function newBackupKey(): string {
  return randomBytes(32).toString("hex");
}

export function announceRunningServer(dataDir: string, server: RunningServer): () => void {
  const file = runningServerFile(dataDir);
  fs.writeFileSync(file, JSON.stringify(server), { mode: 0o600 });
  return () => fs.rmSync(file, { force: true });
}

/** The server holding `dataDir` open, if one is (a file left by a killed server is ignored). */
export function findRunningServer(dataDir: string): RunningServer | null {
  try {
    const server = JSON.parse(fs.readFileSync(runningServerFile(dataDir), "utf8")) as RunningServer;
    process.kill(server.pid, 0);
    return server;
  } catch {
    return null;
  }
}
