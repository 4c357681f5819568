/** Placement: deciding where every part runs. */
export * from "./placement.js";
export { place, type PlaceOptions } from "./place.js";
