/**
 * The probe's catalogue: an industrial-automation and instrumentation distributor's product families
 * (sibling SKUs share a category), list prices, how popular each SKU is in project baskets, and the
 * standard kits many unrelated customers buy.
 */
export interface ProbeProduct {
  sku: string;
  name: string;
  category: string;
  /** List price in yuan. */
  price: number;
  /** How often a free-form project basket picks it (relative). */
  popularity: number;
}

/** The catalogue: families of sibling SKUs (one category each), cheap consumables to big licences. */
const FAMILIES: [
  category: string,
  label: string,
  items: [sku: string, price: number, popularity: number][],
][] = [
  [
    'plc',
    '可编程控制器',
    [
      ['PLC-K120', 2_600, 6],
      ['PLC-K150', 5_800, 4],
      ['PLC-M32', 1_900, 5],
      ['PLC-M64', 3_100, 2],
      ['PLC-H900', 18_500, 1],
    ],
  ],
  [
    'io_module',
    'I/O 模块',
    [
      ['IO-DI16', 650, 6],
      ['IO-DO16', 690, 5],
      ['IO-AI8', 1_450, 4],
      ['IO-AO4', 1_300, 2],
    ],
  ],
  [
    'hmi',
    '触摸屏',
    [
      ['HMI-7T', 1_600, 5],
      ['HMI-10T', 2_900, 4],
      ['HMI-15T', 5_200, 1],
    ],
  ],
  [
    'servo_drive',
    '伺服驱动器',
    [
      ['SV-D04', 2_300, 3],
      ['SV-D07', 2_900, 3],
      ['SV-D15', 4_400, 2],
      ['SV-D30', 7_600, 1],
    ],
  ],
  [
    'servo_motor',
    '伺服电机',
    [
      ['SV-M04', 1_800, 3],
      ['SV-M07', 2_400, 3],
      ['SV-M15', 3_900, 2],
      ['SV-M30', 6_800, 1],
    ],
  ],
  [
    'vfd',
    '变频器',
    [
      ['VFD-2K2', 1_350, 5],
      ['VFD-7K5', 3_200, 4],
      ['VFD-22K', 8_900, 2],
      ['VFD-55K', 19_800, 1],
    ],
  ],
  [
    'prox_sensor',
    '接近开关',
    [
      ['PX-M12', 95, 30],
      ['PX-M18', 120, 14],
      ['PX-M30', 160, 5],
    ],
  ],
  [
    'photo_sensor',
    '光电传感器',
    [
      ['PE-R10', 210, 10],
      ['PE-D30', 260, 6],
      ['PE-F200', 480, 2],
    ],
  ],
  [
    'pressure_tx',
    '压力变送器',
    [
      ['PT-2088', 1_150, 8],
      ['PT-3051', 3_600, 5],
      ['PT-DP20', 4_900, 2],
    ],
  ],
  [
    'flow_meter',
    '流量计',
    [
      ['FM-EM50', 6_800, 4],
      ['FM-EM100', 9_200, 3],
      ['FM-VX80', 7_500, 2],
      ['FM-CM25', 42_000, 1],
    ],
  ],
  [
    'analyzer',
    '水质分析仪',
    [
      ['AN-PH10', 5_600, 3],
      ['AN-DO20', 7_900, 2],
      ['AN-COD', 68_000, 1],
      ['AN-NH3', 55_000, 1],
    ],
  ],
  [
    'reagent',
    '试剂',
    [
      ['RG-COD-500', 780, 3],
      ['RG-NH3-500', 820, 2],
    ],
  ],
  [
    'electrode',
    '电极',
    [
      ['EL-PH-S', 1_250, 3],
      ['EL-DO-M', 1_900, 2],
    ],
  ],
  [
    'cable',
    '线缆',
    [
      ['CB-PB-100', 1_100, 8],
      ['CB-ENC-5', 180, 6],
      ['CB-M12-2', 45, 12],
    ],
  ],
  [
    'ind_switch',
    '工业交换机',
    [
      ['NET-ES8', 1_800, 5],
      ['NET-ES16', 3_400, 3],
      ['NET-ES24G', 7_800, 2],
    ],
  ],
  [
    'ipc',
    '工控机',
    [
      ['IPC-B20', 6_500, 3],
      ['IPC-610', 9_800, 2],
    ],
  ],
  [
    'scada',
    '组态软件',
    [
      ['SCADA-STD', 18_000, 2],
      ['SCADA-PRO', 46_000, 1],
    ],
  ],
  [
    'cabinet',
    '控制柜',
    [
      ['CAB-800', 8_800, 2],
      ['CAB-1200', 14_500, 1],
    ],
  ],
  ['service_comm', '调试服务', [['SVC-COMM-D', 2_400, 4]]],
  [
    'service_amc',
    '维保合同',
    [
      ['SVC-AMC-1Y', 36_000, 2],
      ['SVC-AMC-3Y', 96_000, 1],
    ],
  ],
  ['service_cal', '校准服务', [['SVC-CAL', 650, 3]]],
  [
    'barcode_scanner',
    '条码扫描器',
    [
      ['SCN-L200', 980, 2],
      ['SCN-I300', 1_350, 1],
    ],
  ],
  ['server', '服务器', [['SRV-2U', 32_000, 1]]],
  ['wms', '仓库管理软件', [['WMS-LIC', 120_000, 1]]],
];

export const PRODUCTS: ProbeProduct[] = FAMILIES.flatMap(([category, label, items]) =>
  items.map(([sku, price, popularity]) => ({ sku, name: `${label} ${sku}`, category, price, popularity })),
);
const BY_SKU = new Map(PRODUCTS.map((p) => [p.sku, p]));
export const productOf = (sku: string): ProbeProduct => {
  const p = BY_SKU.get(sku);
  if (!p) throw new Error(`not in the probe catalogue: ${sku}`);
  return p;
};
export const siblingsOf = (sku: string) =>
  PRODUCTS.filter((p) => p.category === productOf(sku).category && p.sku !== sku);

export type Ratio = [sku: string, perSet: number];
/** Thirty standard kits: what many unrelated customers buy in round set counts. */
export const KITS: Ratio[][] = [
  [
    ['PLC-M32', 1],
    ['HMI-7T', 1],
    ['IO-DI16', 2],
  ],
  [
    ['PLC-K120', 1],
    ['IO-DI16', 2],
    ['IO-DO16', 1],
  ],
  [
    ['PLC-K150', 1],
    ['HMI-10T', 1],
    ['IO-AI8', 1],
    ['NET-ES8', 1],
  ],
  [
    ['SV-D04', 1],
    ['SV-M04', 1],
    ['CB-ENC-5', 1],
  ],
  [
    ['SV-D07', 1],
    ['SV-M07', 1],
    ['CB-ENC-5', 1],
  ],
  [
    ['SV-D15', 1],
    ['SV-M15', 1],
  ],
  [['VFD-2K2', 1]],
  [
    ['VFD-7K5', 1],
    ['CB-M12-2', 2],
  ],
  [['PX-M12', 1]],
  [['PX-M18', 1]],
  [
    ['PX-M12', 1],
    ['CB-M12-2', 1],
  ],
  [
    ['PE-R10', 1],
    ['CB-M12-2', 1],
  ],
  [['PT-2088', 1]],
  [
    ['PT-3051', 1],
    ['SVC-CAL', 1],
  ],
  [
    ['FM-EM50', 1],
    ['SVC-COMM-D', 1],
  ],
  [
    ['AN-PH10', 1],
    ['EL-PH-S', 2],
  ],
  [
    ['AN-DO20', 1],
    ['EL-DO-M', 1],
  ],
  [['RG-COD-500', 1]],
  [['RG-NH3-500', 1]],
  [['EL-PH-S', 1]],
  [
    ['NET-ES8', 1],
    ['CB-PB-100', 1],
  ],
  [['HMI-7T', 1]],
  [
    ['HMI-10T', 1],
    ['PLC-M64', 1],
  ],
  [
    ['IPC-B20', 1],
    ['SCADA-STD', 1],
  ],
  [
    ['CAB-800', 1],
    ['PLC-K120', 1],
    ['HMI-7T', 1],
  ],
  [
    ['PX-M12', 2],
    ['PE-R10', 1],
  ],
  [
    ['IO-AI8', 1],
    ['IO-AO4', 1],
  ],
  [['SCN-L200', 1]],
  [
    ['PX-M30', 1],
    ['CB-M12-2', 1],
  ],
  [
    ['VFD-22K', 1],
    ['SVC-COMM-D', 1],
  ],
];
export const SET_COUNTS = [5, 10, 10, 20, 20, 50, 50, 100, 100, 200];
