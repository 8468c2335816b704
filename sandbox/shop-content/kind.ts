/** Why: the shape of one kind of product in the sandbox catalog, shared by the kind tables and the generator. */
export type OptionScheme = "tops" | "trousers" | "shoes" | "bedding" | "colour" | "beauty" | "capacity" | "single";

export interface Kind {
  category: "Apparel" | "Home" | "Outdoor" | "Beauty" | "Accessories";
  type: string;
  typeDe: string;
  noun: string;
  nounDe: string;
  materials: string[];
  price: [number, number];
  options: OptionScheme;
  features: string[];
  featuresDe: string[];
  season: string;
}
