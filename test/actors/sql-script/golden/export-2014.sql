-- xpmigrate export-db: database [XPDATA] from SQLSRV01 (SQL Server 15.0.2000.5) for SQL Server 2014, 2026-11-29T00:00:00.000Z
-- Import: xpmigrate import-db --server SERVER --input THIS-FILE [--var DataPath=D:\Data\]
--     or: sqlcmd -I -f 65001 -S SERVER -i THIS-FILE -b
:setvar DatabaseName "XPDATA"
:setvar DataPath "C:\SQL\DATA\"
:setvar LogPath "L:\LOG\"
:on error exit
SET NOCOUNT ON;
GO
IF DB_ID(N'$(DatabaseName)') IS NULL
CREATE DATABASE [$(DatabaseName)]
ON PRIMARY (NAME = N'XPDATA', FILENAME = N'$(DataPath)XPDATA.mdf', SIZE = 8192KB, FILEGROWTH = 65536KB)
LOG ON (NAME = N'XPDATA_log', FILENAME = N'$(LogPath)XPDATA_log.ldf', SIZE = 8192KB, FILEGROWTH = 10%)
COLLATE Latin1_General_CI_AS;
GO
ALTER DATABASE [$(DatabaseName)] SET COMPATIBILITY_LEVEL = 120;
GO
USE [$(DatabaseName)];
GO
CREATE SCHEMA [sales] AUTHORIZATION [dbo];
GO
CREATE SCHEMA [we'ird]]] AUTHORIZATION [dbo];
GO
CREATE TABLE [dbo].[Every Type] (
  [id] int IDENTITY(1, 1) NOT NULL,
  [c_char] char(10) COLLATE Latin1_General_CI_AS NULL,
  [c_varchar] varchar(max) COLLATE Latin1_General_CI_AS NULL,
  [c_text] text COLLATE Latin1_General_CI_AS NULL,
  [c_nchar] nchar(5) COLLATE Latin1_General_CI_AS NULL,
  [c_nvarchar] nvarchar(100) COLLATE Latin1_General_100_CI_AS_SC NULL,
  [c_ntext] ntext COLLATE Latin1_General_CI_AS NULL,
  [c_xml] xml NULL,
  [c_binary] binary(4) NULL,
  [c_varbinary] varbinary(max) NULL,
  [c_image] image NULL,
  [c_bit] bit NULL,
  [c_tinyint] tinyint NULL,
  [c_smallint] smallint NULL,
  [c_bigint] bigint NULL,
  [c_decimal] decimal(38, 10) NULL,
  [c_numeric] numeric(5, 2) NULL,
  [c_money] money NULL,
  [c_smallmoney] smallmoney NULL,
  [c_float] float NULL,
  [c_real] real NULL,
  [c_date] date NULL,
  [c_datetime] datetime NULL,
  [c_datetime2] datetime2(7) NULL,
  [c_smalldatetime] smalldatetime NULL,
  [c_dto] datetimeoffset(7) NULL,
  [c_time] time(3) NULL,
  [c_guid] uniqueidentifier ROWGUIDCOL NOT NULL CONSTRAINT [DF_Every_guid] DEFAULT (newsequentialid()),
  [c_hier] hierarchyid NULL,
  [c_geo] geography NULL,
  [c_rv] rowversion NOT NULL,
  [c_computed] AS ([c_tinyint]*(2)) PERSISTED,
  [c_sparse] int SPARSE NULL,
  CONSTRAINT [PK_Every] PRIMARY KEY CLUSTERED ([id] ASC) WITH (FILLFACTOR = 90)
);
GO
CREATE TABLE [sales].[Order]]s] (
  [id] bigint NOT NULL,
  [every_id] int NULL,
  [it's "quoted"] nvarchar(100) COLLATE Latin1_General_CI_AS NULL,
  [Grüße_日本]]] float NULL CONSTRAINT [DF_Order]]s_x] DEFAULT ((1.5)),
  CONSTRAINT [PK_Order]]s] PRIMARY KEY NONCLUSTERED ([id] ASC),
  CONSTRAINT [UQ_quoted] UNIQUE NONCLUSTERED ([it's "quoted"] ASC)
);
GO
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO
CREATE FUNCTION dbo.fDouble (@x int) RETURNS int AS
BEGIN RETURN @x * 2 END
GO
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO
CREATE VIEW [sales].[vOrders] AS
SELECT id FROM [sales].[Order]]s]
GO
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
DECLARE @definition nvarchar(max) = N'CREATE PROCEDURE dbo.pReport AS' + NCHAR(10) + N'SELECT N''cost: $' + N'(Price)'';' + NCHAR(10) + N'GO';
EXEC sys.sp_executesql @definition;
GO
SET ANSI_NULLS, ANSI_PADDING, ANSI_WARNINGS, ARITHABORT, CONCAT_NULL_YIELDS_NULL, QUOTED_IDENTIFIER ON; SET NUMERIC_ROUNDABORT OFF;
SET IDENTITY_INSERT [dbo].[Every Type] ON;
INSERT INTO [dbo].[Every Type] ([id], [c_char], [c_varchar], [c_text], [c_nchar], [c_nvarchar], [c_ntext], [c_xml], [c_binary], [c_varbinary], [c_image], [c_bit], [c_tinyint], [c_smallint], [c_bigint], [c_decimal], [c_numeric], [c_money], [c_smallmoney], [c_float], [c_real], [c_date], [c_datetime], [c_datetime2], [c_smalldatetime], [c_dto], [c_time], [c_guid], [c_hier], [c_geo], [c_sparse]) VALUES
(1, N'chars     ', N'ASCII only', N'old text', N'Äöü  ', N'it''s "GO"' + NCHAR(10) + N'GO' + NCHAR(10) + N':r evil.sql' + NCHAR(10) + N'$' + N'(DataPath) ]] [x] -- /* Grüße 日本 🙂 ' + NCHAR(0) + N' end	tab', N'ntext ✓', N'<a b="1">x &amp; y</a>', 0x00FF10AB, 0x, 0xDEADBEEF, 1, 255, -32768, -9223372036854775808, 1234567890123456789012345678.0123456789, -123.45, -922337203685477.5808, 214748.3647, 1E-1, 3.3999999521443642E+38, '0001-01-01', '1753-01-01T00:00:00.003', '9999-12-31T23:59:59.9999999', '2024-02-29T23:59:00', '2024-06-30T12:34:56.1234567+05:45', '23:59:59.997', '6F9619FF-8B86-D011-B42D-00C04FD430C8', CAST(0x5AC0 AS hierarchyid), CAST(0xE610000001148716D9CEF7D34740D7A3703D0A975EC0 AS geography), 0),
(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', NULL, NULL, NULL);
SET IDENTITY_INSERT [dbo].[Every Type] OFF;
GO
SET ANSI_NULLS, ANSI_PADDING, ANSI_WARNINGS, ARITHABORT, CONCAT_NULL_YIELDS_NULL, QUOTED_IDENTIFIER ON; SET NUMERIC_ROUNDABORT OFF;
INSERT INTO [sales].[Order]]s] ([id], [every_id], [it's "quoted"], [Grüße_日本]]]) VALUES
(1, 1, N'O''Brien', 1E-300),
(2, 1, N'GO', -3.0000000000000004E-1),
(3, NULL, NULL, NULL);
GO
SET ANSI_NULLS, ANSI_PADDING, ANSI_WARNINGS, ARITHABORT, CONCAT_NULL_YIELDS_NULL, QUOTED_IDENTIFIER ON; SET NUMERIC_ROUNDABORT OFF;
CREATE CLUSTERED INDEX [IX_Order]]s_every] ON [sales].[Order]]s] ([every_id] ASC);
GO
SET ANSI_NULLS, ANSI_PADDING, ANSI_WARNINGS, ARITHABORT, CONCAT_NULL_YIELDS_NULL, QUOTED_IDENTIFIER ON; SET NUMERIC_ROUNDABORT OFF;
CREATE UNIQUE NONCLUSTERED INDEX [IX_filtered] ON [sales].[Order]]s] ([every_id] DESC) INCLUDE ([Grüße_日本]]]) WHERE ([every_id] IS NOT NULL) WITH (IGNORE_DUP_KEY = ON);
GO
ALTER TABLE [sales].[Order]]s] WITH CHECK ADD CONSTRAINT [FK_Order]]s_Every] FOREIGN KEY ([every_id])
  REFERENCES [dbo].[Every Type] ([id])
  ON DELETE CASCADE ON UPDATE NO ACTION;
GO
ALTER TABLE [sales].[Order]]s] WITH CHECK ADD CONSTRAINT [CK_positive] CHECK ([id]>(0));
GO
ALTER TABLE [sales].[Order]]s] WITH NOCHECK ADD CONSTRAINT [CK_off] CHECK ([it's "quoted"]<>N'x');
ALTER TABLE [sales].[Order]]s] NOCHECK CONSTRAINT [CK_off];
GO
SET ANSI_NULLS OFF;
SET QUOTED_IDENTIFIER ON;
DECLARE @definition nvarchar(max) = N'CREATE TRIGGER sales.trOrders ON [sales].[Order]]s] AFTER INSERT AS' + NCHAR(10) + N'SET NOCOUNT ON;';
EXEC sys.sp_executesql @definition;
GO
