import type { ThemeConfig } from 'antd';

/** A restrained Party red on white; 14px text as the base, nothing smaller than 13px. */
export const PARTY_RED = '#b8312a';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: PARTY_RED,
    fontSize: 14,
    borderRadius: 4,
    fontFamily:
      '"Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: PARTY_RED, headerHeight: 52, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f4f2ef' },
    Menu: { itemSelectedBg: '#f9e9e7', itemSelectedColor: PARTY_RED, itemHeight: 44, fontSize: 15 },
    Table: { headerBg: '#f7f3f2', cellPaddingBlockMD: 10 },
  },
};
