/**
 * The returns, in the order they appear in the workbook. Each module computes one sheet from the register as of the
 * period's end (or, for activity, over the period). A return whose data does not exist in this build is not listed
 * (never faked). 两新组织党建覆盖情况, 共驻共建情况 and 在职党员报到情况 read their domain's service by the period's dates.
 */
import { cadreSheet } from './cadres';
import { classificationSheet } from './classification';
import { coBuildingSheet } from './coBuilding';
import { inServiceSheet } from './inService';
import { newOrgCoverageSheet } from './newOrgCoverage';
import { retiredFloatingSheet } from './retiredFloating';
import type { SheetModule } from './sheet';
import { occupationSheet, structureSheet } from './structure';
import { threeMeetingsSheet } from './threeMeetings';

export const SHEETS: readonly SheetModule[] = [
  classificationSheet,
  structureSheet,
  occupationSheet,
  retiredFloatingSheet,
  newOrgCoverageSheet,
  coBuildingSheet,
  inServiceSheet,
  threeMeetingsSheet,
  cadreSheet,
];
