/** The dysmsapi version `SmsClient` and `SmsManagementClient` call (China SMS). */
export const SMS_API_VERSION = '2017-05-25';
