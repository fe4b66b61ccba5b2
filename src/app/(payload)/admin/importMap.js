import { AnonymiseCustomer as AnonymiseCustomer_dd8e25ad8ff8adb7c90b7e7d96377f06 } from '../../../components/admin/AnonymiseCustomer'
import { CustomersListTools as CustomersListTools_5615117245c4c820d2fe4abb5f0be484 } from '../../../components/admin/backoffice/BookingsListTools'
import { DraftTitle as DraftTitle_eaae4e8f858fbb367cfe1d41f046ebf5 } from '../../../components/admin/booking-form/DraftTitle'
import { EventDateField as EventDateField_6664f6f61fb95b7d30c1d638646bb838 } from '../../../components/admin/booking-form/EventDateField'
import { StartTimeField as StartTimeField_0b2d16d07eea150e9a28242ede60f3ea } from '../../../components/admin/booking-form/StartTimeField'
import { LiveQuote as LiveQuote_c86eb97c1177813947e30897ffa31fca } from '../../../components/admin/booking-form/LiveQuote'
import { PriceBreakdown as PriceBreakdown_ef9ac9fe92181817b31da66b55ac96cd } from '../../../components/admin/PriceBreakdown'
import { PaymentPanel as PaymentPanel_9dfb989d6c3ab29e9b018f5e9f0fa9a0 } from '../../../components/admin/PaymentPanel'
import { BookingActivity as BookingActivity_ece51063899f6308719755e5f94da9df } from '../../../components/admin/BookingActivity'
import { BookingsListTools as BookingsListTools_5615117245c4c820d2fe4abb5f0be484 } from '../../../components/admin/backoffice/BookingsListTools'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { PreviewButton as PreviewButton_86c46cadfe6358b842c696855fe125d8 } from '../../../collections/EmailTemplates/PreviewButton'
import { InboxNavLink as InboxNavLink_11191efeae9fb693486c5ca6ff12f2b8 } from '../../../components/admin/inbox/InboxNavLink'
import { CalendarNavLink as CalendarNavLink_783f035f8ed60fc4541ab6e233a936be } from '../../../components/admin/calendar/CalendarNavLink'
import { BackofficeNavLinks as BackofficeNavLinks_0a281fefa071d57fcd0a489aaf624e8c } from '../../../components/admin/backoffice/BackofficeNavLinks'
import { InboxView as InboxView_6a58eab53a76cf292b8d139e34916a80 } from '../../../components/admin/inbox/InboxView'
import { DashboardView as DashboardView_90d94a8a05a7cf2177ecc4e95646ec1f } from '../../../components/admin/dashboard/DashboardView'
import { MyScheduleView as MyScheduleView_16305996aec59c03858bd82377ad3452 } from '../../../components/admin/backoffice/MyScheduleView'
import { PrepListView as PrepListView_864a60e28707ea6b493a2be3c0321840 } from '../../../components/admin/backoffice/PrepListView'
import { CalendarView as CalendarView_0325bf97f6acd11c388bc4d9371b2905 } from '../../../components/admin/calendar/CalendarView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/components/admin/AnonymiseCustomer#AnonymiseCustomer": AnonymiseCustomer_dd8e25ad8ff8adb7c90b7e7d96377f06,
  "/components/admin/backoffice/BookingsListTools#CustomersListTools": CustomersListTools_5615117245c4c820d2fe4abb5f0be484,
  "/components/admin/booking-form/DraftTitle#DraftTitle": DraftTitle_eaae4e8f858fbb367cfe1d41f046ebf5,
  "/components/admin/booking-form/EventDateField#EventDateField": EventDateField_6664f6f61fb95b7d30c1d638646bb838,
  "/components/admin/booking-form/StartTimeField#StartTimeField": StartTimeField_0b2d16d07eea150e9a28242ede60f3ea,
  "/components/admin/booking-form/LiveQuote#LiveQuote": LiveQuote_c86eb97c1177813947e30897ffa31fca,
  "/components/admin/PriceBreakdown#PriceBreakdown": PriceBreakdown_ef9ac9fe92181817b31da66b55ac96cd,
  "/components/admin/PaymentPanel#PaymentPanel": PaymentPanel_9dfb989d6c3ab29e9b018f5e9f0fa9a0,
  "/components/admin/BookingActivity#BookingActivity": BookingActivity_ece51063899f6308719755e5f94da9df,
  "/components/admin/backoffice/BookingsListTools#BookingsListTools": BookingsListTools_5615117245c4c820d2fe4abb5f0be484,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/collections/EmailTemplates/PreviewButton#PreviewButton": PreviewButton_86c46cadfe6358b842c696855fe125d8,
  "/components/admin/inbox/InboxNavLink#InboxNavLink": InboxNavLink_11191efeae9fb693486c5ca6ff12f2b8,
  "/components/admin/calendar/CalendarNavLink#CalendarNavLink": CalendarNavLink_783f035f8ed60fc4541ab6e233a936be,
  "/components/admin/backoffice/BackofficeNavLinks#BackofficeNavLinks": BackofficeNavLinks_0a281fefa071d57fcd0a489aaf624e8c,
  "/components/admin/inbox/InboxView#InboxView": InboxView_6a58eab53a76cf292b8d139e34916a80,
  "/components/admin/dashboard/DashboardView#DashboardView": DashboardView_90d94a8a05a7cf2177ecc4e95646ec1f,
  "/components/admin/backoffice/MyScheduleView#MyScheduleView": MyScheduleView_16305996aec59c03858bd82377ad3452,
  "/components/admin/backoffice/PrepListView#PrepListView": PrepListView_864a60e28707ea6b493a2be3c0321840,
  "/components/admin/calendar/CalendarView#CalendarView": CalendarView_0325bf97f6acd11c388bc4d9371b2905,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
