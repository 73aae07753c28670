export const APP_NAME = '社区党建工作台';
export const APP_VERSION = '0.1.0';
