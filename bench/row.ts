/** One line of the benchmark table. */
export interface Row {
  name: string;
  value: string;
  unit: string;
}
