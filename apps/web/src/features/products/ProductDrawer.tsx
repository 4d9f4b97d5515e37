import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Row,
  Space,
  Tabs,
} from 'antd';
import { useEffect } from 'react';
import { isApiError } from '../../ui/api.ts';
import { useT } from '../../ui/i18n.tsx';
import { RecordHistory } from '../../ui/RecordHistory.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import {
  CATEGORIES_KEY,
  createProduct,
  PRODUCTS_KEY,
  type Product,
  type ProductInput,
  type ProductStatus,
  productPath,
  updateProduct,
  useCategories,
} from './api.ts';
import { CategoryTreeSelect } from './CategoryTreeSelect.tsx';
import { isDecimal, multiply, plain } from './decimal.ts';

/** Units Chinese catalogues use most; any other name can be typed. */
const COMMON_UNITS = [
  '个',
  '件',
  '台',
  '套',
  '只',
  '支',
  '本',
  '张',
  '包',
  '袋',
  '盒',
  '箱',
  '瓶',
  '桶',
  '卷',
  '米',
  'kg',
  '斤',
  '吨',
];
const unitOptions = COMMON_UNITS.map((u) => ({ value: u }));
const MAX_UNITS = 10;

interface UnitValues {
  name?: string;
  factor?: string | null;
  price?: string | null;
}
interface Values {
  code: string;
  name: string;
  categoryId?: string | null;
  specification?: string;
  baseUnit: string;
  price?: string | null;
  status: ProductStatus;
  description?: string;
  units?: UnitValues[];
}

const blankToNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);
const moneyOrNull = (v: string | number | undefined | null) =>
  v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim();

/** Put the server's field errors on the form, including list fields such as units.1.name. */
function applyErrors(form: FormInstance<Values>, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const marks = Object.entries(error.fields).map(([path, message]) => ({
    name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as (string | number)[],
    errors: [message],
  }));
  if (marks.length) form.setFields(marks as never);
  return marks.length > 0;
}

/** Create, edit or (without products.manage) view one product, with its extra units and prices. */
export function ProductDrawer({
  open,
  product,
  defaultCategoryId,
  onClose,
}: {
  open: boolean;
  product: Product | null;
  /** For a new product: the category selected in the tree. */
  defaultCategoryId?: string;
  onClose: () => void;
}) {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const categories = useCategories(open);
  const readOnly = !can('products.manage');
  const baseUnit = Form.useWatch('baseUnit', form)?.trim() || '—';
  const basePrice = Form.useWatch('price', form);
  const units = Form.useWatch('units', form) ?? [];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (product) {
      form.setFieldsValue({
        code: product.code,
        name: product.name,
        categoryId: product.categoryId,
        specification: product.specification ?? undefined,
        baseUnit: product.baseUnit,
        price: product.price,
        status: product.status,
        description: product.description ?? undefined,
        units: product.units.map((u) => ({ name: u.name, factor: u.factor, price: u.price })),
      });
    } else {
      form.setFieldsValue({ status: 'active', categoryId: defaultCategoryId ?? null, units: [] });
    }
  }, [open, product, defaultCategoryId, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body: ProductInput = {
        code: v.code.trim(),
        name: v.name.trim(),
        categoryId: v.categoryId ?? null,
        specification: blankToNull(v.specification),
        baseUnit: v.baseUnit.trim(),
        price: moneyOrNull(v.price),
        status: v.status,
        description: blankToNull(v.description),
        units: (v.units ?? []).map((u) => ({
          name: (u.name ?? '').trim(),
          factor: String(u.factor ?? '').trim(),
          price: moneyOrNull(u.price),
        })),
      };
      return product ? updateProduct(product.id, body) : createProduct(body);
    },
    onSuccess: () => {
      message.success(product ? t('common.saved') : t('products.created'));
      client.invalidateQueries({ queryKey: PRODUCTS_KEY });
      client.invalidateQueries({ queryKey: CATEGORIES_KEY });
      client.invalidateQueries({ queryKey: ['history'] });
      onClose();
    },
    onError: (e) => {
      if (!applyErrors(form, e)) message.error(e.message);
    },
  });

  const moneyRule = {
    validator: (_: unknown, v: string | null | undefined) =>
      v === undefined || v === null || v === '' || isDecimal(String(v), 2)
        ? Promise.resolve()
        : Promise.reject(new Error(t('products.invalid_money'))),
  };
  const factorRule = {
    validator: (_: unknown, v: string | null | undefined) =>
      v !== undefined && v !== null && isDecimal(String(v), 6) && /[1-9]/.test(String(v))
        ? Promise.resolve()
        : Promise.reject(new Error(t('products.invalid_factor'))),
  };
  /** Unit names are unique within the product, the base unit's included (the server checks it too). */
  const uniqueUnitRule = (index: number) => ({
    validator: (_: unknown, v: string | undefined) => {
      const name = v?.trim().toLowerCase();
      if (!name) return Promise.resolve();
      const base = form.getFieldValue('baseUnit')?.trim().toLowerCase();
      const others = (form.getFieldValue('units') as UnitValues[] | undefined) ?? [];
      const clash = name === base || others.some((u, i) => i < index && u?.name?.trim().toLowerCase() === name);
      return clash ? Promise.reject(new Error(t('products.duplicate_unit'))) : Promise.resolve();
    },
  });

  const derivedPrice = (u: UnitValues | undefined): string | null => {
    if (!u?.factor || basePrice === undefined || basePrice === null || String(basePrice) === '') return null;
    return multiply(String(basePrice), String(u.factor), 2);
  };

  const unitsList = (
    <Form.List name="units">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, index) => {
            const derived = derivedPrice(units[index]);
            return (
              <Card key={field.key} size="small" data-testid="unit-row" styles={{ body: { padding: 8 } }}>
                <Row gutter={8} align="top" wrap>
                  <Col xs={12} sm={6}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('products.field.unit_name')}
                      rules={[{ required: true, whitespace: true, max: 10 }, uniqueUnitRule(index)]}
                      style={{ marginBottom: 0 }}
                    >
                      <AutoComplete options={unitOptions} maxLength={10} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={7}>
                    <Form.Item
                      name={[field.name, 'factor']}
                      label={t('products.field.factor')}
                      required
                      rules={[factorRule]}
                      style={{ marginBottom: 0 }}
                      extra={
                        units[index]?.name && units[index]?.factor
                          ? t('products.unit_equation', {
                              unit: units[index]?.name,
                              factor: plain(String(units[index]?.factor)),
                              base: baseUnit,
                            })
                          : undefined
                      }
                    >
                      <InputNumber<string> stringMode min="0" style={{ width: '100%' }} suffix={baseUnit} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={9}>
                    <Form.Item
                      name={[field.name, 'price']}
                      label={t('products.field.unit_price')}
                      rules={[moneyRule]}
                      style={{ marginBottom: 0 }}
                    >
                      <InputNumber<string>
                        stringMode
                        min="0"
                        precision={2}
                        prefix="¥"
                        style={{ width: '100%' }}
                        placeholder={derived ? t('products.field.unit_price_auto', { price: derived }) : undefined}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} style={{ paddingTop: 30, textAlign: 'right' }}>
                    {!readOnly && (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('products.remove_unit')}
                        title={t('products.remove_unit')}
                        onClick={() => remove(field.name)}
                      />
                    )}
                  </Col>
                </Row>
              </Card>
            );
          })}
          {!readOnly && fields.length < MAX_UNITS && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', factor: null })} block>
              {t('products.add_unit')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );

  const formNode = (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => mutation.mutate(v)}
      disabled={readOnly}
      data-testid="product-form"
    >
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item
            name="code"
            label={t('products.field.code')}
            rules={[{ required: true, whitespace: true, max: 50 }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="name"
            label={t('products.field.name')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="categoryId" label={t('products.field.category')}>
            <CategoryTreeSelect style={{ width: '100%' }} loading={categories.isPending} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="specification" label={t('products.field.specification')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} sm={8}>
          <Form.Item
            name="baseUnit"
            label={t('products.field.base_unit')}
            tooltip={t('products.field.base_unit_hint')}
            rules={[{ required: true, whitespace: true, max: 10 }]}
          >
            <AutoComplete options={unitOptions} maxLength={10} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            name="price"
            label={t('products.field.price')}
            tooltip={t('products.field.price_hint', { unit: baseUnit })}
            rules={[moneyRule]}
          >
            <InputNumber<string> stringMode min="0" precision={2} prefix="¥" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="status" label={t('products.field.status')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'active', label: t('products.status.active') },
                { value: 'inactive', label: t('products.status.inactive') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('products.field.units')} extra={t('products.field.units_hint')}>
        {unitsList}
      </Form.Item>
      <Form.Item name="description" label={t('products.field.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </Form>
  );

  const fieldLabels = {
    code: t('products.field.code'),
    name: t('products.field.name'),
    categoryId: t('products.field.category'),
    specification: t('products.field.specification'),
    baseUnit: t('products.field.base_unit'),
    price: t('products.field.price'),
    status: t('products.field.status'),
    description: t('products.field.description'),
    units: t('products.field.units'),
  };

  const title = product
    ? t(readOnly ? 'products.view_title' : 'products.edit_title', { name: product.name })
    : t('products.create');

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={title}
      destroyOnHidden
      forceRender
      footer={
        !readOnly && (
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {product ? (
        <Tabs
          items={[
            { key: 'info', label: t('products.tab.info'), children: formNode },
            {
              key: 'history',
              label: t('common.history'),
              children: (
                <RecordHistory
                  path={productPath(product.id)}
                  fieldLabels={fieldLabels}
                  formatValue={(field, value) => {
                    if (field === 'categoryId' && typeof value === 'string')
                      return categories.data?.find((c) => c.id === value)?.path.join(' / ');
                    if (field === 'status' && typeof value === 'string') return t(`products.status.${value}`);
                    return undefined;
                  }}
                />
              ),
            },
          ]}
        />
      ) : (
        formNode
      )}
    </Drawer>
  );
}
