// Plausible Vietnamese personal names for awards given to one person.
import type { Random } from "../random";

const SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
const MALE = {
  middle: ["Văn", "Hữu", "Minh", "Đức", "Quang", "Công"],
  given: ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Tuấn", "Việt"],
};
const FEMALE = {
  middle: ["Thị", "Ngọc", "Thanh", "Thu", "Kim"],
  given: ["Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Tâm", "Thảo", "Trang", "Vân", "Yến"],
};

export function personName(random: Random): string {
  const names = random.chance(0.5) ? MALE : FEMALE;
  return `${random.pick(SURNAMES)} ${random.pick(names.middle)} ${random.pick(names.given)}`;
}
