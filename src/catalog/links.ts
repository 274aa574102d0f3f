/**
 * The vendor's help pages the guide links to, as printed there: the plan choice and rows 2a, 8
 * (external SQL Server), rows 2b and 3 (the guide gives the Exchange page for both), V4 point 7.
 */
export const GUIDE_LINKS = {
  externalSql: 'https://help.c4b.com/xphone-connect-9/doc/de/admin/start/app-int/sql.html#ext-sql',
  appIntegration:
    'https://help.c4b.com/xphone-connect-9/doc/de/admin/start/app-int/app-int.html#microsoft-exchange',
  v4Documentation: 'https://help.c4b.com/de/xphone-connect-8/admin/#2827.htm#o2920',
} as const;
