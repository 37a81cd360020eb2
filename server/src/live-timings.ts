/**
 * Debug timings of the live groups' fan-out, behind LIVE_FANOUT_TIMINGS=1 (off otherwise: no
 * cost). Every 5 s the server writes one line to stderr: pushes written out, frames, the fan-out's
 * wall time (mean and max), the part of it spent yielding to other work between batches, the
 * main thread's CPU per frame (user and kernel: on loopback the kernel part includes the
 * receiving side's TCP work) and the context switches meanwhile. They say where a push's time
 * goes between its execution and the last socket: the benchmark's "minus coalescing wait".
 */
export interface FanOutTimer {
  /** A push's fan-out starts. */
  start(): void;
  /** Time (ms) spent awaiting the pause between two batches. */
  paused(ms: number): void;
  /** The fan-out ended after writing `frames` frames. */
  end(frames: number): void;
}

const REPORT_EVERY_MS = 5_000;

type Cpu = { user: number; system: number };
const threadCpu = (): Cpu =>
  (process as { threadCpuUsage?: () => Cpu }).threadCpuUsage?.() ?? process.cpuUsage();

export function fanOutTimingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): FanOutTimer | undefined {
  if (env.LIVE_FANOUT_TIMINGS !== "1") return undefined;
  let wallStart = 0;
  let cpuStart: Cpu = { user: 0, system: 0 };
  let switchesStart = { voluntary: 0, involuntary: 0 };
  const sum = { pushes: 0, frames: 0, wall: 0, maxWall: 0, paused: 0, user: 0, system: 0 };
  const switches = { voluntary: 0, involuntary: 0 };
  let pausedNow = 0;
  const contextSwitches = () => {
    const usage = process.resourceUsage();
    return {
      voluntary: usage.voluntaryContextSwitches,
      involuntary: usage.involuntaryContextSwitches,
    };
  };
  const report = setInterval(() => {
    if (sum.pushes === 0) return;
    const perFrame = (us: number) => (sum.frames ? us / sum.frames : 0).toFixed(2);
    write(
      `live fan-out: ${sum.pushes} pushes, ${sum.frames} frames; wall mean ${(sum.wall / sum.pushes).toFixed(1)} ms (max ${sum.maxWall.toFixed(1)}), yielding ${(sum.paused / sum.pushes).toFixed(1)} ms; main thread CPU per frame user ${perFrame(sum.user)} µs, system ${perFrame(sum.system)} µs; context switches per push ${(switches.voluntary / sum.pushes).toFixed(1)} voluntary, ${(switches.involuntary / sum.pushes).toFixed(1)} involuntary`,
    );
    Object.assign(sum, {
      pushes: 0,
      frames: 0,
      wall: 0,
      maxWall: 0,
      paused: 0,
      user: 0,
      system: 0,
    });
    Object.assign(switches, { voluntary: 0, involuntary: 0 });
  }, REPORT_EVERY_MS);
  report.unref();
  return {
    start() {
      wallStart = performance.now();
      cpuStart = threadCpu();
      switchesStart = contextSwitches();
      pausedNow = 0;
    },
    paused(ms) {
      pausedNow += ms;
    },
    end(frames) {
      const wall = performance.now() - wallStart;
      const cpu = threadCpu();
      const now = contextSwitches();
      sum.pushes++;
      sum.frames += frames;
      sum.wall += wall;
      sum.maxWall = Math.max(sum.maxWall, wall);
      sum.paused += pausedNow;
      sum.user += cpu.user - cpuStart.user;
      sum.system += cpu.system - cpuStart.system;
      switches.voluntary += now.voluntary - switchesStart.voluntary;
      switches.involuntary += now.involuntary - switchesStart.involuntary;
    },
  };
}
