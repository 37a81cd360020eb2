export { dumpDatabase } from "./dump";
export { BackupError, type BackupHeader, backupLines, verifyBackup } from "./format";
export { type RestoreSummary, restoreDatabase } from "./restore";
export {
  announceRunningServer,
  BACKUP_KEY_HEADER,
  findRunningServer,
  newBackupKey,
  type RunningServer,
} from "./running-server";
