// The facts of the five seed reports (the Vietnamese articles in seeds/, 000 … 004), one file per
// report; each file quotes the sentences its figures come from.
import type { DemoBuilder } from "../builder";
import { addBinhLuc } from "./binh-luc";
import { addCaoLanh } from "./cao-lanh";
import { addDaiCuong } from "./dai-cuong";
import { addHanhSon } from "./hanh-son";
import { addLongBinh } from "./long-binh";

export { DAI_CUONG_MODEL } from "./dai-cuong";

export function addReportedFacts(builder: DemoBuilder): void {
  addDaiCuong(builder); // seed 000
  addBinhLuc(builder); // seed 001
  addCaoLanh(builder); // seed 002
  addLongBinh(builder); // seed 003
  addHanhSon(builder); // seed 004
}
